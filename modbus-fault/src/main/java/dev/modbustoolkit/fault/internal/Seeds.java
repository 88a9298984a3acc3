package dev.modbustoolkit.fault.internal;

import dev.modbustoolkit.fault.Scope;

/** Derivation of independent, reproducible random streams from the pipeline seed. */
final class Seeds {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  /** SplitMix64's finalizer: spreads every input bit over the output. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** FNV-1a over the UTF-16 code units: stable across JVMs, unlike identity hashes. */
  static long hash(String s) {
    long h = 0xCBF29CE484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001B3L;
    }
    return h;
  }

  /** The base seed of one fault. */
  static long forFault(long pipelineSeed, String faultId) {
    return mix(mix(pipelineSeed) ^ hash(faultId));
  }

  /** The seed of one scope key's stream of a fault. */
  static long forScope(long faultSeed, Scope scope, long key) {
    return mix(faultSeed + GOLDEN * (scope.ordinal() + 1) + mix(key));
  }

  /** The seed of one activation within a scope stream. */
  static long forActivation(long scopeSeed, long activation) {
    return mix(scopeSeed ^ mix(activation * GOLDEN));
  }
}
