package dev.modbustoolkit.client.internal;

import dev.modbustoolkit.client.ClientMetrics;
import dev.modbustoolkit.client.ConnectionListener;
import dev.modbustoolkit.client.ConnectionState;
import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.client.ModbusConnectionException;
import dev.modbustoolkit.client.ModbusExceptionResponseException;
import dev.modbustoolkit.client.ModbusProtocolException;
import dev.modbustoolkit.client.ModbusTimeoutException;
import dev.modbustoolkit.pdu.ModbusDecodeException;
import dev.modbustoolkit.pdu.ModbusPduCodec;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.transport.DecodeLog;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client behind every {@link ModbusClient} factory: a queue, a window of requests in flight, their deadlines,
 * retries, and the link with its reconnects. Over 400 lines (about 800) because these share one lock and one state
 * machine; the framing, the link I/O, the id allocation and the answer check are in their own classes. The next
 * split: the connect/reconnect part, which touches only the session and the state, into a class of its own.
 *
 * <p>Threads: callers submit under the lock and, when the window has room, write the frame themselves (no hand-off
 * to a writer thread, which would cost a wake-up per request). One reader thread per link finds answers, matches
 * them under the lock and completes their futures after releasing it; it also sends the next queued request. The
 * shared timer thread fires deadlines. Futures and listeners are always completed outside the lock, so that their
 * callbacks may call the client again.
 */
public final class ClientEngine implements ModbusClient {
  private static final Logger LOG = LoggerFactory.getLogger(ClientEngine.class);

  private final String name;
  private final Conduit.Opener opener;
  private final Supplier<ClientFraming> framings;
  private final EngineSettings settings;
  private final boolean bus;
  private final boolean transactionIds;
  private final int window;
  private final long timeoutNanos;
  private final DecodeLog decode;
  private final ClientCounters counters = new ClientCounters();

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<Call> queue = new ArrayDeque<>();
  private final Call[] inFlight;
  private final int[] inFlightIds;
  private int inFlightCount;
  private final TransactionIds ids;
  private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
  /**
   * State changes for the connection listener, told one at a time by one thread at a time: two threads each running
   * what they deferred could otherwise tell CONNECTED before the CONNECTING it follows. Apart from {@link #deferred},
   * so that a future's completion never waits behind a listener that blocks.
   */
  private final ArrayDeque<Runnable> notices = new ArrayDeque<>();
  /** Whether a thread is telling {@link #notices}; guarded by the lock. */
  private boolean notifying;
  private final List<CompletableFuture<Void>> connectWaiters = new ArrayList<>();
  private final Map<Integer, Integer> unitTimeouts = new HashMap<>();
  private ConnectionState state = ConnectionState.DISCONNECTED;
  private @Nullable Session session;
  private boolean connecting;
  private boolean connectScheduled;
  private int reconnectAttempt;
  private long nextConnectNanos = System.nanoTime();
  private long holdUntilNanos = System.nanoTime();
  private boolean holdPumpScheduled;
  private int timeoutsInARow;
  private volatile int expectedPduLength = -1;
  /** Whether a deadline sweep is scheduled; it runs at the earliest deadline of a queued or in-flight call. */
  private boolean sweepScheduled;

  /**
   * An engine; eager ones start connecting at once.
   *
   * @param opener opens the link
   * @param framings makes the framing of each new link
   * @param bus whether unit 0 is a broadcast (RTU and ASCII framings)
   * @param settings the validated settings
   */
  public ClientEngine(Conduit.Opener opener, Supplier<ClientFraming> framings, boolean bus, EngineSettings settings) {
    this.name = opener.describe();
    this.opener = opener;
    this.framings = framings;
    this.settings = settings;
    this.bus = bus;
    ClientFraming probe = framings.get();
    this.transactionIds = probe.transactionIds();
    this.window = transactionIds ? settings.window() : 1;
    this.timeoutNanos = settings.timeout().toNanos();
    this.inFlight = new Call[window];
    this.inFlightIds = new int[window];
    this.ids = new TransactionIds(Math.max(4 * timeoutNanos, 5_000_000_000L));
    this.decode = new DecodeLog(settings.decode());
    if (settings.reconnect().eager()) {
      lock.lock();
      try {
        requestConnect();
      } finally {
        unlockAndRun();
      }
    }
  }

  @Override
  public CompletableFuture<ModbusResponse> send(int unitId, ModbusRequest request) {
    checkUnit(unitId);
    Call call = new Call(unitId, ModbusPduCodec.toBytes(request), request, false);
    submit(call);
    return Typed.cast(call.future);
  }

  @Override
  public CompletableFuture<byte[]> sendRaw(int unitId, byte[] requestPdu) {
    checkUnit(unitId);
    checkLength(requestPdu);
    Call call = new Call(unitId, requestPdu.clone(), null, false);
    submit(call);
    return Typed.cast(call.future);
  }

  @Override
  public CompletableFuture<Void> broadcast(ModbusRequest request) {
    if (Safety.isRead(ModbusPduCodec.toBytes(request))) {
      throw new IllegalArgumentException(
          "function code " + request.functionCode() + " is a read: only writes can be broadcast");
    }
    Call call = new Call(0, ModbusPduCodec.toBytes(request), request, true);
    submit(call);
    return Typed.cast(call.future);
  }

  @Override
  public CompletableFuture<Void> broadcastRaw(byte[] requestPdu) {
    checkLength(requestPdu);
    if (Safety.isRead(requestPdu)) {
      throw new IllegalArgumentException(
          "function code " + (requestPdu[0] & 0xFF) + " is a read: only writes can be broadcast");
    }
    Call call = new Call(0, requestPdu.clone(), null, true);
    submit(call);
    return Typed.cast(call.future);
  }

  private static void checkLength(byte[] requestPdu) {
    if (requestPdu.length < 1 || requestPdu.length > 253) {
      throw new IllegalArgumentException("request PDU length " + requestPdu.length + " is out of 1..253");
    }
  }

  private void checkUnit(int unitId) {
    if (unitId < 0 || unitId > 255) {
      throw new IllegalArgumentException("unit id " + unitId + " is out of 0..255");
    }
    if (bus && (unitId == 0 || unitId > 247)) {
      throw new IllegalArgumentException("unit id " + unitId + " is not a device address on a bus (1..247; "
          + "use broadcast() for unit 0)");
    }
  }

  private void submit(Call call) {
    counters.requests.increment();
    lock.lock();
    try {
      if (state == ConnectionState.CLOSED) {
        deferred.add(() -> call.future.completeExceptionally(closed()));
        return;
      }
      arm(call);
      queue.add(call);
      if (session == null) {
        requestConnect();
      } else {
        pump();
      }
    } finally {
      unlockAndRun();
    }
  }

  private ModbusConnectionException closed() {
    return new ModbusConnectionException("the client of " + name + " is closed", null);
  }

  /**
   * Sets the call's deadline. No timer task per request (a schedule and a cancel per request cost the timer thread
   * a wake-up each): one sweep per engine runs at the earliest deadline, times out what has expired and schedules
   * itself for the next. Every call of an engine has the same timeout, so a new deadline is never earlier than
   * those already pending, and a scheduled sweep is always early enough.
   */
  private void arm(Call call) {
    call.deadlineNanos = System.nanoTime() + timeoutNanos;
    if (!sweepScheduled) {
      sweepScheduled = true;
      ClientTimer.schedule(this::sweep, timeoutNanos);
    }
  }

  /** On the timer thread: times out every queued or in-flight call whose deadline has passed. */
  private void sweep() {
    List<Call> expired = new ArrayList<>();
    lock.lock();
    try {
      sweepScheduled = false;
      long now = System.nanoTime();
      long next = Long.MAX_VALUE;
      for (Call call : queue) {
        next = collect(call, now, next, expired);
      }
      for (int i = 0; i < inFlightCount; i++) {
        next = collect(inFlight[i], now, next, expired);
      }
      if (next != Long.MAX_VALUE && state != ConnectionState.CLOSED) {
        sweepScheduled = true;
        ClientTimer.schedule(this::sweep, next - now);
      }
    } finally {
      unlockAndRun();
    }
    for (Call call : expired) {
      onTimeout(call);
    }
  }

  private static long collect(Call call, long now, long next, List<Call> expired) {
    if (call.deadlineNanos - now <= 0) {
      expired.add(call);
      return next;
    }
    return Math.min(next, call.deadlineNanos);
  }

  // ---- sending: under the lock ----

  private void pump() {
    Session s = session;
    if (s == null || state != ConnectionState.CONNECTED) {
      return;
    }
    while (inFlightCount < window && !queue.isEmpty()) {
      long now = System.nanoTime();
      if (now - holdUntilNanos < 0) {
        scheduleHoldPump(holdUntilNanos - now);
        return;
      }
      Call call = queue.poll();
      if (call.future.isDone()) {
        continue; // cancelled while queued: never sent
      }
      int tid = transactionIds ? ids.allocate(now, inFlightIds, inFlightCount) : 0;
      int length = s.framing.encode(s.out, tid, call.unitId, call.pdu);
      call.transactionId = tid;
      call.sent = true;
      if (call.firstSentNanos == 0) {
        call.firstSentNanos = now;
      }
      if (!call.broadcast) {
        inFlight[inFlightCount] = call;
        inFlightIds[inFlightCount] = tid;
        inFlightCount++;
        if (!transactionIds) {
          expectedPduLength = call.expectedPduLength;
        }
      }
      if (decode.level().any()) {
        decode.request(name, call.unitId, ByteBuffer.wrap(call.pdu));
        decode.raw(name, false, s.out, 0, length);
      }
      if (s.batchingHere()) {
        if (s.batchLength + length > s.batch.length && !writeBatch(s)) {
          return;
        }
        System.arraycopy(s.out, 0, s.batch, s.batchLength, length);
        s.batchLength += length;
      } else {
        s.outBuffer.clear().limit(length);
        try {
          s.conduit.write(s.outBuffer);
        } catch (IOException e) {
          drop(s, e);
          return;
        }
      }
      counters.sent.increment();
      if (call.broadcast) {
        if (transactionIds) {
          ids.quarantine(tid, now); // whatever answers it is dropped as late
        } else {
          holdUntilNanos = System.nanoTime() + settings.turnaround().toNanos();
        }
        deferred.add(() -> call.future.complete(null));
      }
    }
  }

  /** Under the lock: writes the requests batched on the reader thread; false when the link failed. */
  private boolean writeBatch(Session s) {
    int length = s.batchLength;
    s.batchLength = 0;
    if (s != session || length == 0) {
      return s == session;
    }
    s.batchBuffer.clear().limit(length);
    try {
      s.conduit.write(s.batchBuffer);
      return true;
    } catch (IOException e) {
      drop(s, e);
      return false;
    }
  }

  /** On the reader thread, after the answers of one read: sends what their callbacks asked for. */
  void flushBatch(Session s) {
    lock.lock();
    try {
      writeBatch(s);
    } finally {
      unlockAndRun();
    }
  }

  private void scheduleHoldPump(long delayNanos) {
    if (!holdPumpScheduled) {
      holdPumpScheduled = true;
      ClientTimer.schedule(() -> {
        lock.lock();
        try {
          holdPumpScheduled = false;
          pump();
        } finally {
          unlockAndRun();
        }
      }, delayNanos);
    }
  }

  // ---- answers: on the reader thread ----

  void onFrame(Session s, byte[] in, int start, int length) {
    int tid = s.framing.transactionId(in, start);
    int unit = s.framing.unitId(in, start);
    byte[] pdu = s.framing.pdu(in, start, length);
    if (decode.level().any()) {
      decode.answer(name, unit, ByteBuffer.wrap(pdu), 0, pdu.length);
    }
    Call call = null;
    long now = System.nanoTime();
    lock.lock();
    try {
      if (s != session || pdu.length == 0) {
        return;
      }
      int slot = match(tid, unit, pdu[0] & 0x7F);
      if (slot < 0) {
        if (transactionIds ? ids.isQuarantined(tid, now) : now - holdUntilNanos < 0) {
          counters.lateAnswers.increment();
          LOG.debug("{}: dropped a late answer (transaction {}, unit {}) to a request that had timed out",
              name, tid, unit);
        } else {
          counters.unexpectedAnswers.increment();
          LOG.debug("{}: dropped an answer (transaction {}, unit {}) that matches no request", name, tid, unit);
        }
        return;
      }
      call = inFlight[slot];
      removeSlot(slot);
      timeoutsInARow = 0;
      if (!unitTimeouts.isEmpty()) {
        unitTimeouts.remove(unit);
      }
      counters.answer(now - call.firstSentNanos);
      pump();
    } finally {
      unlockAndRun();
    }
    finish(call, pdu);
  }

  private int match(int tid, int unit, int functionCode) {
    for (int i = 0; i < inFlightCount; i++) {
      Call c = inFlight[i];
      if (transactionIds ? inFlightIds[i] == tid : c.unitId == unit && c.functionCode == functionCode) {
        return i;
      }
    }
    return -1;
  }

  private void removeSlot(int slot) {
    inFlightCount--;
    inFlight[slot] = inFlight[inFlightCount];
    inFlightIds[slot] = inFlightIds[inFlightCount];
    inFlight[inFlightCount] = null;
    if (!transactionIds) {
      expectedPduLength = -1;
    }
  }

  private void finish(Call call, byte[] pdu) {
    if ((pdu[0] & 0x80) != 0 && pdu.length >= 2) {
      int code = pdu[1] & 0xFF;
      counters.exception(code);
      if (call.request == null) {
        call.future.complete(pdu);
      } else if ((code == 0x05 || code == 0x06) && mayRetry(call)) {
        retry(call);
      } else {
        call.future.completeExceptionally(new ModbusExceptionResponseException(call.unitId, call.functionCode, code));
      }
      return;
    }
    ModbusRequest request = call.request;
    if (request == null) {
      call.future.complete(pdu);
      return;
    }
    String mismatch;
    ModbusResponse response = null;
    Throwable cause = null;
    try {
      response = ModbusPduCodec.decodeResponse(ByteBuffer.wrap(pdu));
      mismatch = ResponseCheck.mismatch(request, response);
    } catch (ModbusDecodeException e) {
      mismatch = "the answer does not decode: " + e.getMessage();
      cause = e;
    }
    if (mismatch == null) {
      call.future.complete(response);
      return;
    }
    counters.protocolErrors.increment();
    if (mayRetry(call)) {
      retry(call);
    } else {
      call.future.completeExceptionally(new ModbusProtocolException(call.describe() + ": " + mismatch, cause));
    }
  }

  // ---- deadlines and retries: on the timer thread ----

  private void onTimeout(Call call) {
    boolean sent;
    lock.lock();
    try {
      if (call.deadlineNanos - System.nanoTime() > 0) {
        return; // answered or dropped since the sweep, and already sent again with a new deadline
      }
      if (queue.remove(call)) {
        sent = false;
      } else {
        int slot = indexOf(call);
        if (slot < 0) {
          return; // answered, failed or dropped meanwhile
        }
        removeSlot(slot);
        sent = true;
        long now = System.nanoTime();
        if (transactionIds) {
          ids.quarantine(call.transactionId, now);
        } else {
          holdUntilNanos = Math.max(holdUntilNanos, now + settings.drainAfterTimeout().toNanos());
        }
        timeoutsInARow++;
        unitTimeouts.merge(call.unitId, 1, Integer::sum);
        int limit = settings.reconnect().timeoutsBeforeReconnect();
        Session s = session;
        if (limit > 0 && timeoutsInARow >= limit && s != null) {
          timeoutsInARow = 0;
          drop(s, new IOException(limit + " timeouts in a row with no answer from any unit"));
        }
        pump();
      }
      counters.timeouts.increment();
    } finally {
      unlockAndRun();
    }
    if (call.future.isDone()) {
      return;
    }
    if (mayRetry(call)) {
      retry(call);
    } else {
      call.future.completeExceptionally(new ModbusTimeoutException(call.describe(), settings.timeout(), sent));
    }
  }

  private int indexOf(Call call) {
    for (int i = 0; i < inFlightCount; i++) {
      if (inFlight[i] == call) {
        return i;
      }
    }
    return -1;
  }

  private boolean mayRetry(Call call) {
    return !call.broadcast && call.attempt < settings.retry().maxRetries()
        && (call.read || settings.retry().retryWrites()) && !call.future.isDone();
  }

  private void retry(Call call) {
    call.attempt++;
    counters.retries.increment();
    long backoff = settings.retry().backoff(call.attempt).toNanos();
    double spread = settings.retry().jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
    ClientTimer.schedule(() -> resubmit(call), backoff + (long) (backoff * spread));
  }

  private void resubmit(Call call) {
    lock.lock();
    try {
      if (call.future.isDone()) {
        return;
      }
      if (state == ConnectionState.CLOSED) {
        deferred.add(() -> call.future.completeExceptionally(closed()));
        return;
      }
      arm(call);
      queue.addFirst(call);
      if (session == null) {
        requestConnect();
      } else {
        pump();
      }
    } finally {
      unlockAndRun();
    }
  }

  // ---- the link: under the lock ----

  private void requestConnect() {
    if (state == ConnectionState.CLOSED || session != null || connecting || connectScheduled) {
      return;
    }
    long wait = nextConnectNanos - System.nanoTime();
    if (wait > 0) {
      connectScheduled = true;
      ClientTimer.schedule(() -> {
        lock.lock();
        try {
          connectScheduled = false;
          if (settings.reconnect().eager() || !queue.isEmpty() || !connectWaiters.isEmpty()) {
            requestConnect();
          }
        } finally {
          unlockAndRun();
        }
      }, wait);
      return;
    }
    connecting = true;
    setState(ConnectionState.CONNECTING, null);
    Thread.ofVirtual().name("modbus-client-connect " + name).start(this::connectNow);
  }

  private void connectNow() {
    Conduit conduit;
    try {
      conduit = opener.open();
    } catch (IOException | RuntimeException e) {
      connectFailed(e);
      return;
    }
    lock.lock();
    try {
      connecting = false;
      if (state == ConnectionState.CLOSED) {
        conduit.close();
        return;
      }
      Session s = new Session(this, conduit, framings.get());
      session = s;
      reconnectAttempt = 0;
      counters.connects.increment();
      setState(ConnectionState.CONNECTED, null);
      for (CompletableFuture<Void> waiter : connectWaiters) {
        deferred.add(() -> waiter.complete(null));
      }
      connectWaiters.clear();
      s.start(name);
      pump();
    } finally {
      unlockAndRun();
    }
  }

  private void connectFailed(Exception e) {
    lock.lock();
    try {
      connecting = false;
      if (state == ConnectionState.CLOSED) {
        return;
      }
      counters.connectFailures.increment();
      reconnectAttempt++;
      nextConnectNanos = System.nanoTime() + settings.reconnect().delay(reconnectAttempt).toNanos();
      setState(ConnectionState.DISCONNECTED, e);
      ModbusConnectionException failure = new ModbusConnectionException("cannot connect to " + name + ": " + e, e);
      for (CompletableFuture<Void> waiter : connectWaiters) {
        deferred.add(() -> waiter.completeExceptionally(failure));
      }
      connectWaiters.clear();
      if (settings.reconnect().eager()) {
        requestConnect();
      } else {
        failQueued(failure);
      }
    } finally {
      unlockAndRun();
    }
  }

  /** The link failed (read, write, framing) or was given up: fails or retries what was on it. */
  void drop(Session s, Throwable cause) {
    boolean locked = lock.isHeldByCurrentThread();
    if (!locked) {
      lock.lock();
    }
    try {
      if (s != session) {
        return;
      }
      session = null;
      s.conduit.close();
      counters.disconnects.increment();
      LOG.debug("{}: link lost: {}", name, cause.toString());
      setState(ConnectionState.DISCONNECTED, cause);
      ModbusConnectionException failure = new ModbusConnectionException("link to " + name + " lost: " + cause, cause);
      for (int i = 0; i < inFlightCount; i++) {
        Call call = inFlight[i];
        inFlight[i] = null;
        deferred.add(() -> {
          if (mayRetry(call)) {
            retry(call);
          } else {
            call.future.completeExceptionally(failure);
          }
        });
      }
      inFlightCount = 0;
      expectedPduLength = -1;
      reconnectAttempt++;
      nextConnectNanos = System.nanoTime() + settings.reconnect().delay(reconnectAttempt).toNanos();
      if (settings.reconnect().eager() || !queue.isEmpty()) {
        requestConnect();
      }
    } finally {
      if (!locked) {
        unlockAndRun();
      }
    }
  }

  private void failQueued(ModbusConnectionException failure) {
    for (Call call; (call = queue.poll()) != null; ) {
      Call c = call;
      deferred.add(() -> c.future.completeExceptionally(failure));
    }
  }

  private void setState(ConnectionState to, @Nullable Throwable cause) {
    ConnectionState from = state;
    if (from == to) {
      return;
    }
    state = to;
    ConnectionListener listener = settings.listener();
    if (listener != null) {
      notices.add(() -> listener.stateChanged(from, to, cause));
    }
  }

  /** Releases the lock, then runs what was deferred while it was held, in order, outside it. */
  private void unlockAndRun() {
    boolean notify = !notifying && !notices.isEmpty();
    if (notify) {
      notifying = true;
    }
    while (true) {
      Runnable next = deferred.poll();
      lock.unlock();
      if (next == null) {
        break;
      }
      run(next);
      lock.lock();
    }
    if (notify) {
      tellNotices();
    }
  }

  /** Tells the listener every state change queued, in order, until none is left; then another thread may. */
  private void tellNotices() {
    lock.lock();
    while (true) {
      Runnable next = notices.poll();
      if (next == null) {
        notifying = false;
        lock.unlock();
        return;
      }
      lock.unlock();
      run(next);
      lock.lock();
    }
  }

  private void run(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      LOG.warn("{}: a callback failed", name, e);
    }
  }

  // ---- the rest of the API ----

  @Override
  public ClientMetrics metrics() {
    Map<Integer, Integer> timeouts;
    lock.lock();
    try {
      timeouts = Map.copyOf(unitTimeouts);
    } finally {
      lock.unlock();
    }
    return counters.snapshot(timeouts);
  }

  @Override
  public ConnectionState state() {
    lock.lock();
    try {
      return state;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public CompletableFuture<Void> connect() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    lock.lock();
    try {
      switch (state) {
        case CONNECTED -> done.complete(null);
        case CLOSED -> done.completeExceptionally(closed());
        case DISCONNECTED, CONNECTING -> {
          connectWaiters.add(done);
          requestConnect();
        }
      }
    } finally {
      unlockAndRun();
    }
    return done;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (state == ConnectionState.CLOSED) {
        return;
      }
      Session s = session;
      session = null;
      setState(ConnectionState.CLOSED, null);
      ModbusConnectionException failure = closed();
      failQueued(failure);
      for (int i = 0; i < inFlightCount; i++) {
        Call call = inFlight[i];
        inFlight[i] = null;
        deferred.add(() -> call.future.completeExceptionally(failure));
      }
      inFlightCount = 0;
      for (CompletableFuture<Void> waiter : connectWaiters) {
        deferred.add(() -> waiter.completeExceptionally(failure));
      }
      connectWaiters.clear();
      if (s != null) {
        s.conduit.close();
      }
    } finally {
      unlockAndRun();
    }
  }

  int expectedPduLength() {
    return expectedPduLength;
  }

  DecodeLog decodeLog() {
    return decode;
  }

  String name() {
    return name;
  }

  @Override
  public String toString() {
    return "ModbusClient[" + name + ", " + state() + "]";
  }

  static EOFException endOfStream() {
    return new EOFException("the peer closed the connection");
  }
}
