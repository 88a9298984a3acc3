package dev.modbustoolkit.registers;

import dev.modbustoolkit.bench.BenchmarkBase;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The register store's wire API at full request size (what FC03 / FC10 cost below the codec) and the typed API an
 * application uses to feed a simulation. Dense table over 0..65535, no listeners.
 */
@State(Scope.Thread)
public class RegisterTableBenchmark extends BenchmarkBase {

  static final int READ = 125;
  static final int WRITE = 123;

  private RegisterTable table;
  private ByteBuffer out;
  private ByteBuffer in;
  private short[] values;
  private short[] dst;

  @Setup(Level.Trial)
  public void setUp() {
    table = RegisterTable.dense();
    for (int i = 0; i < 1000; i++) {
      table.set(i, i);
    }
    out = ByteBuffer.allocate(2 * READ);
    in = ByteBuffer.allocate(2 * WRITE);
    values = new short[WRITE];
    for (int i = 0; i < WRITE; i++) {
      values[i] = (short) (i * 257);
      in.putShort(2 * i, values[i]);
    }
    dst = new short[READ];
  }

  /** FC03 125 into the response buffer, big-endian (what RegisterDevice does for a read). */
  @Benchmark
  public AccessStatus readRegistersIntoBuffer() {
    out.clear();
    return table.readRegisters(100, READ, out);
  }

  /** FC03 125 into an array (the object-level handler path). */
  @Benchmark
  public short[] readRegistersIntoArray() {
    table.readRegisters(100, READ, dst, 0);
    return dst;
  }

  /** FC10 123 from the request buffer, big-endian (the byte-level path). */
  @Benchmark
  public AccessStatus writeRegistersFromBuffer() {
    in.clear();
    return table.writeRegisters(200, WRITE, in, ChangeOrigin.WIRE);
  }

  /** FC10 123 from an array (the object-level handler path). */
  @Benchmark
  public AccessStatus writeRegistersFromArray() {
    return table.writeRegisters(200, values, ChangeOrigin.WIRE);
  }

  /** Typed access in each word order. */
  @State(Scope.Thread)
  public static class Typed {
    @Param({"ABCD", "CDAB"})
    public WordOrder order;

    float next;
  }

  @Benchmark
  public float getFloat32(Typed typed) {
    return table.getFloat32(500, typed.order);
  }

  @Benchmark
  public void setFloat32(Typed typed) {
    typed.next += 0.25f;
    table.setFloat32(500, typed.next, typed.order);
  }
}
