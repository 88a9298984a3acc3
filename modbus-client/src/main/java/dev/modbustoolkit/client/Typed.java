package dev.modbustoolkit.client;

import dev.modbustoolkit.pdu.ModbusResponse;
import java.util.concurrent.CompletableFuture;

/** Narrows {@link ModbusClient#send}'s future for the typed calls. */
final class Typed {
  private Typed() {}

  /**
   * The same future, typed: {@link ModbusClient#send} completes only with a response that its check has found to
   * be of the request's type (a mismatch fails the future instead), so the cast cannot fail.
   */
  static <R extends ModbusResponse> CompletableFuture<R> as(CompletableFuture<ModbusResponse> future, Class<R> type) {
    return dev.modbustoolkit.client.internal.Typed.cast(future);
  }
}
