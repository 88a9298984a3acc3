package dev.modbustoolkit.client.internal;

import java.util.concurrent.CompletableFuture;

/** The one unchecked cast of a call's future to the type its request promises. */
public final class Typed {
  private Typed() {}

  /**
   * {@return the same future, typed} Safe because the engine completes a call's future only with what its kind
   * promises: a checked response of the request's type, the raw answer PDU, or nothing for a broadcast. The same
   * object, not a derived stage, so that cancelling it reaches the queue.
   *
   * @param future the call's future
   * @param <T> what it completes with
   */
  @SuppressWarnings("unchecked")
  public static <T> CompletableFuture<T> cast(CompletableFuture<?> future) {
    return (CompletableFuture<T>) future;
  }
}
