package com.example.modbusconsumer;

import java.net.URI;

/**
 * Runs the README's quick starts as a user's application and checks how it was started. Every Java snippet of the
 * README is in a file of this application, as it stands there (.ci/ReadmeSnippets.java checks that); those bound to
 * a fixed port or a serial device are only compiled, and the ones named here run them on free loopback ports. The one argument names
 * the run: {@code class-path}, {@code module-path} or {@code jlink}; the program checks that the toolkit was
 * indeed loaded that way (unnamed modules, modules from jar files, modules from the image's {@code jrt:} file
 * system). Exit status 0 when every check holds, 1 otherwise, 2 for a bad argument.
 */
public final class QuickStarts {
  private QuickStarts() {}

  /**
   * Runs the quick starts.
   *
   * @param args {@code class-path}, {@code module-path} or {@code jlink}
   */
  public static void main(String[] args) {
    if (args.length != 1 || !(args[0].equals("class-path") || args[0].equals("module-path")
        || args[0].equals("jlink"))) {
      System.err.println("usage: QuickStarts class-path|module-path|jlink");
      System.exit(2);
    }
    try {
      String loaded = checkHowLoaded(args[0]);
      System.out.println("consumer-it [" + args[0] + "] " + loaded);
      System.out.println("consumer-it [" + args[0] + "] " + CodecQuickStart.run());
      System.out.println("consumer-it [" + args[0] + "] " + TcpQuickStart.run());
      System.out.println("consumer-it [" + args[0] + "] " + ClientQuickStart.run());
      System.out.println("consumer-it [" + args[0] + "] " + FramingsQuickStart.run());
      System.out.println("consumer-it [" + args[0] + "] " + GatewayQuickStart.run());
      System.out.println("consumer-it [" + args[0] + "] passed");
    } catch (Throwable e) {
      System.err.println("consumer-it [" + args[0] + "] FAILED: " + e);
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static String checkHowLoaded(String mode) {
    Module client = dev.modbustoolkit.client.ModbusClient.class.getModule();
    Module self = QuickStarts.class.getModule();
    String logging = org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName();
    // slf4j-simple is on every path; found through ServiceLoader, it shows that service binding worked too.
    Check.equal("org.slf4j.simple.SimpleLoggerFactory", logging, "SLF4J backend");
    if (mode.equals("class-path")) {
      Check.isTrue(!client.isNamed() && !self.isNamed(), "class path run, but modules are named: " + client);
      return "toolkit on the class path (unnamed module), logging " + logging;
    }
    Check.equal("com.example.modbusconsumer", self.getName(), "this module");
    Check.equal("dev.modbustoolkit.client", client.getName(), "the client's module");
    URI location = client.getLayer().configuration().findModule(client.getName()).orElseThrow()
        .reference().location().orElseThrow();
    String expected = mode.equals("jlink") ? "jrt" : "file";
    Check.equal(expected, location.getScheme(), "where " + client.getName() + " was loaded from (" + location + ")");
    return "toolkit modules from " + location + ", logging " + logging;
  }
}
