package dev.modbustoolkit.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.stream.Collectors;

/**
 * The simulator's main class: {@code java -jar modbus-simulator.jar [OPTIONS]}; {@code --help} lists the options.
 * Runs until Ctrl-C (SIGINT) or SIGTERM, then shuts the server down gracefully from a shutdown hook.
 */
public final class ModbusSimulator {
  /** Exit status for a command line error. */
  public static final int EXIT_USAGE = 2;

  /** Exit status when the server cannot start (e.g. the port is taken). */
  public static final int EXIT_START_FAILED = 1;

  private ModbusSimulator() {}

  /** Entry point. */
  public static void main(String[] args) throws InterruptedException {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Parses the arguments, starts the simulator and waits until it is shut down (by the shutdown hook). Returns
   * the exit status; 0 after {@code --help} or a clean stop.
   */
  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    SimulatorOptions options;
    try {
      options = SimulatorOptions.parse(args);
    } catch (UsageException e) {
      err.println("modbus-simulator: " + e.getMessage());
      err.println("Try 'modbus-simulator --help' for the list of options.");
      return EXIT_USAGE;
    }
    if (options.help()) {
      out.print(SimulatorOptions.usage());
      return 0;
    }
    Simulator simulator = new Simulator(options);
    InetSocketAddress address;
    try {
      address = simulator.start();
    } catch (BindException e) {
      err.println("modbus-simulator: cannot listen on " + hostAndPort(options) + ": " + e.getMessage()
          + (options.port() < 1024 ? " (ports below 1024 need privileges)" : " (is another server using it?)"));
      return EXIT_START_FAILED;
    } catch (IOException e) {
      err.println("modbus-simulator: cannot start on " + hostAndPort(options) + ": " + e);
      return EXIT_START_FAILED;
    }
    Thread hook = new Thread(() -> {
      out.println("Stopping the Modbus simulator...");
      boolean graceful = simulator.server().shutdown(options.shutdownGrace());
      out.println(graceful ? "Modbus simulator stopped." : "Modbus simulator stopped (some connections forced closed).");
      out.flush();
    }, "modbus-simulator-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    String units = options.units().stream().map(String::valueOf).collect(Collectors.joining(", "));
    out.println("Modbus simulator listening on " + format(address) + " (Modbus TCP), units " + units
        + "; unit 0 and 255 reach unit " + options.units().first() + ". Press Ctrl-C to stop.");
    out.flush();
    simulator.server().awaitTermination();
    return 0;
  }

  private static String hostAndPort(SimulatorOptions options) {
    return format(new InetSocketAddress(options.bindAddress(), options.port()));
  }

  private static String format(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
