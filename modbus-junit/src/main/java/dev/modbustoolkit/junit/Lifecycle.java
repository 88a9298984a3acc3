package dev.modbustoolkit.junit;

/** How long a simulated device lives. */
public enum Lifecycle {
  /**
   * Per class for an annotation on the test class, a static field or a static {@code @RegisterExtension} field;
   * per method for an instance field, a parameter, or an instance {@code @RegisterExtension} field.
   */
  DEFAULT,
  /** Started before the first test of the class, stopped after the last (not for parameters). */
  PER_CLASS,
  /** Started before each test method, stopped after it (not for static fields). */
  PER_METHOD
}
