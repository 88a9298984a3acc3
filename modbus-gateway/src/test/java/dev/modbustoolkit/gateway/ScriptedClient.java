package dev.modbustoolkit.gateway;

import dev.modbustoolkit.client.ClientMetrics;
import dev.modbustoolkit.client.ConnectionState;
import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ModbusResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A downstream link whose raw answers a test scripts, one per call, in order: what the gateway's forwarder does with
 * each outcome of its client (a timeout before the request was written, say) without a device that must be made
 * to produce it at the right moment. Only the calls the gateway makes are there.
 */
final class ScriptedClient implements ModbusClient {
  private final Deque<Supplier<CompletableFuture<byte[]>>> answers = new ArrayDeque<>();
  private final AtomicInteger calls = new AtomicInteger();

  /** Adds the next call's answer. */
  ScriptedClient then(Supplier<CompletableFuture<byte[]>> answer) {
    answers.add(answer);
    return this;
  }

  /** {@return how many raw requests the gateway sent} */
  int calls() {
    return calls.get();
  }

  @Override
  public synchronized CompletableFuture<byte[]> sendRaw(int unitId, byte[] requestPdu) {
    calls.incrementAndGet();
    Supplier<CompletableFuture<byte[]>> next = answers.poll();
    return next == null ? CompletableFuture.failedFuture(new AssertionError("no answer scripted")) : next.get();
  }

  @Override
  public CompletableFuture<ModbusResponse> send(int unitId, ModbusRequest request) {
    throw new UnsupportedOperationException("the gateway forwards raw PDUs");
  }

  @Override
  public CompletableFuture<Void> broadcast(ModbusRequest request) {
    throw new UnsupportedOperationException("the gateway forwards raw PDUs");
  }

  @Override
  public CompletableFuture<Void> broadcastRaw(byte[] requestPdu) {
    throw new UnsupportedOperationException("no broadcast in these tests");
  }

  @Override
  public ClientMetrics metrics() {
    throw new UnsupportedOperationException("not read by the gateway");
  }

  @Override
  public ConnectionState state() {
    return ConnectionState.CONNECTED;
  }

  @Override
  public CompletableFuture<Void> connect() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {}
}
