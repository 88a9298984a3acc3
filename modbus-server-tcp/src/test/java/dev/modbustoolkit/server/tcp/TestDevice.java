package dev.modbustoolkit.server.tcp;

import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersResponse;
import dev.modbustoolkit.pdu.WriteSingleRegisterRequest;
import dev.modbustoolkit.pdu.WriteSingleRegisterResponse;
import dev.modbustoolkit.server.core.ModbusRequestHandler;
import dev.modbustoolkit.server.core.RequestContext;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A predictable handler for transport tests: FC03 answers register {@code a} with {@code (tag + a) & 0xFFFF}, FC06
 * echoes; an optional delay makes handlers slow, and {@link #started} tells when a request reached the handler.
 */
final class TestDevice implements ModbusRequestHandler {
  final int tag;
  volatile long delayMillis;
  final AtomicInteger handled = new AtomicInteger();
  final AtomicInteger completed = new AtomicInteger();
  volatile CountDownLatch started = new CountDownLatch(1);

  TestDevice(int tag) {
    this.tag = tag;
  }

  TestDevice delay(long millis) {
    this.delayMillis = millis;
    return this;
  }

  /**
   * False, although {@link #delay} makes it sleep: the transport tests drive the event loop itself with slow
   * handlers (request timeouts, shutdown); {@code EventLoopIT} covers handlers that declare they may block.
   */
  @Override
  public boolean mayBlock() {
    return false;
  }

  static int expected(int tag, int address) {
    return (tag + address) & 0xFFFF;
  }

  @Override
  public ModbusResponse readHoldingRegisters(RequestContext ctx, int unitId, ReadHoldingRegistersRequest request) {
    handled.incrementAndGet();
    started.countDown();
    pause();
    int[] values = new int[request.quantity()];
    for (int i = 0; i < values.length; i++) {
      values[i] = expected(tag, request.address() + i);
    }
    completed.incrementAndGet();
    return ReadHoldingRegistersResponse.of(values);
  }

  @Override
  public ModbusResponse writeSingleRegister(RequestContext ctx, int unitId, WriteSingleRegisterRequest request) {
    handled.incrementAndGet();
    started.countDown();
    pause();
    completed.incrementAndGet();
    return new WriteSingleRegisterResponse(request.address(), request.value());
  }

  private void pause() {
    long d = delayMillis;
    if (d > 0) {
      try {
        Thread.sleep(d);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
