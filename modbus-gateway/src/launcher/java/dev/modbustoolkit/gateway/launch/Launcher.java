package dev.modbustoolkit.gateway.launch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The runnable jar's Main-Class, compiled for Java 8 (src/launcher/java, its own compiler execution) so that any
 * JVM since 8 can load it: on a Java older than 21 it says so in one line and exits 1 instead of the
 * {@code UnsupportedClassVersionError} the real main class would raise; otherwise it runs
 * {@code dev.modbustoolkit.gateway.GatewayMain}. Not API: outside the Javadoc and the module's exports.
 */
public final class Launcher {
  static final int REQUIRED = 21;
  private static final String PROGRAM = "modbus-gateway";
  private static final String MAIN = "dev.modbustoolkit.gateway.GatewayMain";

  private Launcher() {}

  /**
   * Checks the Java version, then runs the real main class with {@code args}.
   *
   * @param args the command line
   * @throws Throwable whatever the real main throws, unwrapped
   */
  public static void main(String[] args) throws Throwable {
    String spec = System.getProperty("java.specification.version", "");
    int feature = feature(spec);
    if (feature < REQUIRED) {
      String found = feature > 0 ? String.valueOf(feature) : spec;
      System.err.println(PROGRAM + ": needs Java " + REQUIRED + " or newer (found " + found + ")");
      System.exit(1);
    }
    Method main = Class.forName(MAIN).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** The feature release of a {@code java.specification.version}: "1.8" is 8, "17" is 17; 0 when unreadable. */
  static int feature(String spec) {
    String s = spec.startsWith("1.") ? spec.substring(2) : spec;
    int end = 0;
    while (end < s.length() && Character.isDigit(s.charAt(end))) {
      end++;
    }
    if (end == 0 || end > 9) {
      return 0;
    }
    return Integer.parseInt(s.substring(0, end));
  }
}
