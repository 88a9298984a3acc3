package dev.modbustoolkit.server.tcp.internal;

import dev.modbustoolkit.server.core.ForwardAnswer;
import dev.modbustoolkit.transport.Exchange;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The answers of one event-loop connection that wait for a forwarding handler's future, in the order of the
 * connection's requests: a master pipelining requests gets its answers in the order it sent them (MBAP would allow
 * any order by transaction id; masters expect this one). A request forwarded without waiting takes a slot that its
 * future fills, on whatever thread completes it; a request answered at once while slots are ahead of it takes a slot
 * holding its framed answer (a copy: the shared output buffer does not outlive the event). The loop moves settled
 * slots from the head into the output buffer ({@link #drainInto}).
 *
 * <p>Confined to the loop thread, but for the future's completion (a volatile write of its slot's answer, then a task
 * for the loop) and {@link #size()}, which the watchdog reads: a connection waiting for answers is not idle. Nothing
 * here runs on the allocation-free path: a connection that never meets a forwarding handler never makes a slot.
 */
final class DeferredAnswers {
  /**
   * Slots per connection before the loop stops taking its requests (they wait in the input buffer, the socket is
   * not read, TCP pushes back): the bound on what one master can have in flight through one connection.
   */
  static final int MAX_IN_FLIGHT = 32;

  /** One request's answer, in request order. */
  private static final class Slot {
    final int transactionId;
    final int unitId;
    final int functionCode;
    /** A forwarded request's answer, set when its future completes; null until then. */
    volatile @Nullable ForwardAnswer answer;
    /** An answer framed at once, waiting behind earlier slots; null for a forwarded request. */
    final byte @Nullable [] frame;

    Slot(int transactionId, int unitId, int functionCode, byte @Nullable [] frame) {
      this.transactionId = transactionId;
      this.unitId = unitId;
      this.functionCode = functionCode;
      this.frame = frame;
    }
  }

  /** Made with the first slot: 10,000 connections that never forward hold no queue. */
  private @Nullable ArrayDeque<Slot> slots;
  private volatile int size;

  private ArrayDeque<Slot> slots() {
    ArrayDeque<Slot> s = slots;
    if (s == null) {
      s = new ArrayDeque<>(4);
      slots = s;
    }
    return s;
  }

  /** {@return whether no answer waits} */
  boolean isEmpty() {
    return size == 0;
  }

  /** {@return whether the connection has as many answers waiting as it may} */
  boolean isFull() {
    return size >= MAX_IN_FLIGHT;
  }

  /** {@return how many answers wait; any thread} */
  int size() {
    return size;
  }

  /**
   * Takes a slot for a forwarded request; {@code settled} runs on the completing thread once the answer is in the
   * slot (it must hand the work to the loop).
   */
  void forwarded(int transactionId, int unitId, int functionCode, CompletableFuture<ForwardAnswer> future,
      Runnable settled) {
    Slot slot = new Slot(transactionId, unitId, functionCode, null);
    ArrayDeque<Slot> s = slots();
    s.add(slot);
    size = s.size();
    future.whenComplete((answer, failure) -> {
      // The dispatcher's futures complete normally; a failure here would be a bug in it: send nothing for it.
      slot.answer = answer != null ? answer : ForwardAnswer.none();
      settled.run();
    });
  }

  /** Takes a slot for the answer framed in {@code bytes[offset, offset + length)}, which must wait its turn. */
  void ready(byte[] bytes, int offset, int length) {
    ArrayDeque<Slot> s = slots();
    s.add(new Slot(0, 0, 0, Arrays.copyOfRange(bytes, offset, offset + length)));
    size = s.size();
  }

  /**
   * Frames the settled answers at the head into {@code out}, in order, while it has {@code maxFrameLength} bytes of
   * room; stops at the first answer still out.
   */
  void drainInto(ByteBuffer out, Exchange exchange, int maxFrameLength) {
    ArrayDeque<Slot> s = slots;
    if (s == null) {
      return;
    }
    Slot head;
    while ((head = s.peek()) != null && out.remaining() >= maxFrameLength) {
      byte[] frame = head.frame;
      if (frame != null) {
        out.put(frame);
      } else {
        ForwardAnswer answer = head.answer;
        if (answer == null) {
          return;
        }
        exchange.frameAnswer(head.transactionId, head.unitId, head.functionCode, answer, out);
      }
      s.poll();
      size = s.size();
    }
  }
}
