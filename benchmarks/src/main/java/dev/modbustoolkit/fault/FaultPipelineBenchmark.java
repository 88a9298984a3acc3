package dev.modbustoolkit.fault;

import dev.modbustoolkit.bench.BenchmarkBase;
import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.pdu.ModbusPduCodec;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.core.RequestContext;
import dev.modbustoolkit.server.core.TcpRequestContext;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the fault pipeline costs a server per request when it does nothing: the step a transport runs before
 * dispatching (describe the request, {@code session.plan}, {@code plan.beforeDispatch()}), alone and followed by
 * the dispatch of an FC03 read of 10 registers, so the overhead can be read against a request's real cost.
 */
@State(Scope.Thread)
public class FaultPipelineBenchmark extends BenchmarkBase {

  /** The pipelines compared. */
  public enum Pipeline {
    /** No pipeline at all: the baseline. */
    NONE,
    /** A server's default: a pipeline with no fault. */
    EMPTY,
    /** One fault whose function-code filter does not match (rejected before any counter of its scope). */
    NON_FIRING_FILTERED,
    /** One fault that matches every request but is still skipping (counts the match in its server scope). */
    NON_FIRING_MATCHED;

    FaultPipeline create() {
      FaultPipeline p = FaultPipeline.create(1);
      ActionSpec delay = new ActionSpec.Delay(Duration.ofMillis(100), Duration.ZERO);
      switch (this) {
        case NONE, EMPTY -> { }
        case NON_FIRING_FILTERED ->
            p.add(FaultSpec.of("slow-fc06", delay, TriggerSpec.builder().functionCodes(6).build()));
        case NON_FIRING_MATCHED ->
            p.add(FaultSpec.of("slow-later", delay, TriggerSpec.builder().skipFirst(Long.MAX_VALUE - 1).build()));
      }
      return p;
    }
  }

  /** One RequestInfo per unit id while the pipeline is empty, as the TCP server keeps them (no allocation). */
  private static final RequestInfo[] UNPLANNED = new RequestInfo[256];

  static {
    for (int unit = 0; unit < UNPLANNED.length; unit++) {
      UNPLANNED[unit] = new RequestInfo(unit, 0, 0, RequestInfo.NO_ADDRESS_RANGE, 0);
    }
  }

  @Param
  public Pipeline pipeline;

  private FaultPipeline faults;
  private FaultSession session;
  private ModbusDispatcher dispatcher;
  private RequestContext context;
  private ByteBuffer pdu;
  private ByteBuffer out;
  private long requestIndex;

  @Setup(Level.Trial)
  public void setUp() {
    InetSocketAddress remote = new InetSocketAddress("127.0.0.1", 40000);
    faults = pipeline.create();
    session = faults.openSession(new ConnectionInfo(1, Transport.TCP, remote));
    dispatcher = ModbusDispatcher.builder().unit(1, RegisterDevice.of(DataModel.dense())).build();
    context = new TcpRequestContext(1, new InetSocketAddress("127.0.0.1", 502), remote);
    pdu = ByteBuffer.wrap(ModbusPduCodec.toBytes(new ReadHoldingRegistersRequest(0, 10)));
    out = ByteBuffer.allocate(ModbusLimits.MAX_PDU_LENGTH);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    session.close();
  }

  /** The pre-dispatch fault step alone. */
  @Benchmark
  public DispatchVerdict plan() {
    return verdict();
  }

  /** The pre-dispatch fault step, then the dispatch of the request. */
  @Benchmark
  public int planAndDispatch() {
    if (verdict() != DispatchVerdict.DISPATCH) {
      throw new IllegalStateException("a fault fired");
    }
    pdu.rewind();
    out.clear();
    return dispatcher.dispatch(context, 1, pdu, out);
  }

  private DispatchVerdict verdict() {
    if (pipeline == Pipeline.NONE) {
      return DispatchVerdict.DISPATCH;
    }
    long index = requestIndex++;
    RequestInfo info = faults.isEmpty() ? UNPLANNED[1] : describe(1, pdu, index);
    return session.plan(info).beforeDispatch();
  }

  /** Unit, function code and address range read from the PDU bytes, as a server does without decoding. */
  private static RequestInfo describe(int unitId, ByteBuffer pdu, long index) {
    int functionCode = Byte.toUnsignedInt(pdu.get(0));
    int address = Short.toUnsignedInt(pdu.getShort(1));
    int quantity = Short.toUnsignedInt(pdu.getShort(3));
    return new RequestInfo(unitId, functionCode, address, quantity, index);
  }
}
