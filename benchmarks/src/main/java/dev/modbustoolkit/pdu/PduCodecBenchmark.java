package dev.modbustoolkit.pdu;

import dev.modbustoolkit.bench.BenchmarkBase;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Encode into a reused buffer and decode from a prepared buffer, for representative PDUs. */
@State(Scope.Thread)
public class PduCodecBenchmark extends BenchmarkBase {

  /** The PDUs measured: the most common read and write traffic, at both ends of the size range. */
  public enum Case {
    FC03_REQUEST(true),
    FC03_RESPONSE_1(false),
    FC03_RESPONSE_125(false),
    FC10_REQUEST_123(true);

    final boolean request;

    Case(boolean request) {
      this.request = request;
    }

    ModbusPdu pdu() {
      return switch (this) {
        case FC03_REQUEST -> new ReadHoldingRegistersRequest(0, 125);
        case FC03_RESPONSE_1 -> ReadHoldingRegistersResponse.of(0x1234);
        case FC03_RESPONSE_125 -> ReadHoldingRegistersResponse.of(sequence(125));
        case FC10_REQUEST_123 -> WriteMultipleRegistersRequest.of(100, sequence(123));
      };
    }

    private static int[] sequence(int n) {
      int[] values = new int[n];
      for (int i = 0; i < n; i++) {
        values[i] = (i * 257) & 0xFFFF;
      }
      return values;
    }
  }

  @Param
  public Case pdu;

  private ModbusPdu value;
  private ByteBuffer out;
  private ByteBuffer encoded;

  @Setup(Level.Trial)
  public void setUp() {
    value = pdu.pdu();
    out = ByteBuffer.allocate(ModbusLimits.MAX_PDU_LENGTH);
    encoded = ByteBuffer.allocate(ModbusLimits.MAX_PDU_LENGTH);
    ModbusPduCodec.encode(value, encoded);
    encoded.flip();
  }

  @Benchmark
  public int encode() {
    out.clear();
    return ModbusPduCodec.encode(value, out);
  }

  @Benchmark
  public ModbusPdu decode() {
    encoded.rewind();
    return pdu.request ? ModbusPduCodec.decodeRequest(encoded) : ModbusPduCodec.decodeResponse(encoded);
  }
}
