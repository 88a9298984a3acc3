package dev.modbustoolkit.fault.internal;

import dev.modbustoolkit.fault.TriggerSpec;
import java.util.SplittableRandom;

/** The trigger counters and random stream of one fault in one scope key (server, a unit, a connection). */
final class ScopeState {
  private final long seed;
  private final SplittableRandom random;
  private long matches;
  private long activations;

  ScopeState(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  /**
   * Counts one match and applies the stateful conditions in the documented order (skip, every-Nth, at-most-K,
   * probability).
   *
   * @return the activation's number (1-based), or 0 when it does not fire
   */
  synchronized long onMatch(TriggerSpec trigger) {
    long n = ++matches;
    if (n <= trigger.skipFirst()) {
      return 0;
    }
    if ((n - trigger.skipFirst()) % trigger.everyNth() != 0) {
      return 0;
    }
    if (activations >= trigger.maxActivations()) {
      return 0;
    }
    double p = trigger.probability();
    if (p < 1.0 && !(random.nextDouble() < p)) {
      return 0;
    }
    return ++activations;
  }

  /** The seed of the {@code n}-th activation: fixed by n, whatever happens later in other scopes. */
  long activationSeed(long n) {
    return Seeds.forActivation(seed, n);
  }
}
