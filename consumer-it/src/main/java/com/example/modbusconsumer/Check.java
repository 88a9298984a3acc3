package com.example.modbusconsumer;

import java.util.Objects;

/** The consumer's assertions: a wrong value throws, and {@link QuickStarts#main} turns that into exit status 1. */
final class Check {
  private Check() {}

  static void equal(Object expected, Object actual, String what) {
    if (!Objects.equals(expected, actual)) {
      throw new IllegalStateException(what + ": expected " + expected + ", got " + actual);
    }
  }

  static void isTrue(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException(what);
    }
  }
}
