package dev.modbustoolkit.fault.internal;

import dev.modbustoolkit.fault.ActionSpec;
import java.util.SplittableRandom;

/** One fault firing for one request: its action and the seed of the random numbers the action may draw. */
record Activation(String faultId, ActionSpec action, long seed) {

  SplittableRandom random() {
    return new SplittableRandom(seed);
  }
}
