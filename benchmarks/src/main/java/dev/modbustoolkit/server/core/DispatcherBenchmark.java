package dev.modbustoolkit.server.core;

import dev.modbustoolkit.bench.BenchmarkBase;
import dev.modbustoolkit.pdu.MaskWriteRegisterRequest;
import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.pdu.ModbusPduCodec;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ReadCoilsRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.WriteMultipleRegistersRequest;
import dev.modbustoolkit.registers.DataModel;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Byte-level dispatch as a transport calls it, once per request: request PDU bytes in, response PDU bytes written
 * into a reused buffer, against a {@link RegisterDevice} on {@link DataModel#dense()} (metrics and diagnostics
 * counters on, as in a server). No sockets: this is the server's per-request cost above the I/O.
 */
@State(Scope.Thread)
public class DispatcherBenchmark extends BenchmarkBase {

  /**
   * The requests measured: small and full-size register reads, a full-size register write, and a coil read and a
   * mask write (functions the register device used to serve only after decoding).
   */
  public enum Case {
    FC03_10,
    FC03_125,
    FC10_123,
    FC01_100,
    FC16;

    ModbusRequest request() {
      return switch (this) {
        case FC03_10 -> new ReadHoldingRegistersRequest(0, 10);
        case FC03_125 -> new ReadHoldingRegistersRequest(0, ModbusLimits.MAX_READ_REGISTERS);
        case FC10_123 -> WriteMultipleRegistersRequest.of(100, sequence(ModbusLimits.MAX_WRITE_REGISTERS));
        case FC01_100 -> new ReadCoilsRequest(0, 100);
        case FC16 -> new MaskWriteRegisterRequest(4, 0x00F2, 0x0025);
      };
    }
  }

  @Param
  public Case request;

  private ModbusDispatcher dispatcher;
  private RequestContext context;
  private ByteBuffer pdu;
  private ByteBuffer out;

  @Setup(Level.Trial)
  public void setUp() {
    DataModel model = DataModel.dense();
    model.holdingRegisters().setRange(0, sequence(200));
    dispatcher = ModbusDispatcher.builder().unit(1, RegisterDevice.of(model)).build();
    context = new TcpRequestContext(1, new InetSocketAddress("127.0.0.1", 502),
        new InetSocketAddress("127.0.0.1", 40000));
    pdu = ByteBuffer.wrap(ModbusPduCodec.toBytes(request.request()));
    out = ByteBuffer.allocate(ModbusLimits.MAX_PDU_LENGTH);
    int n = dispatch();
    if (n <= 0 || (out.get(0) & 0x80) != 0) {
      throw new IllegalStateException("setup: dispatch of " + request + " answered " + n + " bytes, fc "
          + Byte.toUnsignedInt(out.get(0)));
    }
  }

  /** One request: decode, route, serve, encode the answer. */
  @Benchmark
  public int dispatch() {
    pdu.rewind();
    out.clear();
    return dispatcher.dispatch(context, 1, pdu, out);
  }

  static int[] sequence(int n) {
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = i;
    }
    return values;
  }
}
