package dev.modbustoolkit.simulator;

import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.server.rtu.ModbusRtuServer;
import dev.modbustoolkit.server.udp.ModbusUdpServer;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import dev.modbustoolkit.simulator.internal.FaultSummary;
import dev.modbustoolkit.simulator.internal.LogLevelOption;
import dev.modbustoolkit.simulator.internal.ProfileSummary;
import dev.modbustoolkit.simulator.profile.Transport;
import java.io.PrintStream;
import java.util.SortedSet;
import java.util.stream.Collectors;

/**
 * The simulator's main class: {@code java -jar modbus-simulator.jar [OPTIONS]}; {@code --help} lists the options.
 * Runs until Ctrl-C (SIGINT) or SIGTERM, then shuts the servers down gracefully from a shutdown hook.
 */
public final class ModbusSimulator {
  /** Exit status for a command line error, including a bad fault file or profile. */
  public static final int EXIT_USAGE = 2;

  /** Exit status when a server cannot start (e.g. the port is taken, the serial device does not exist). */
  public static final int EXIT_START_FAILED = 1;

  // Helidon logs through java.util.logging; its start-up lines (features, "started all channels") would push the
  // simulator's own start lines off the screen. Kept in a field: JUL holds its loggers weakly.
  private static final java.util.logging.Logger HELIDON_LOG = java.util.logging.Logger.getLogger("io.helidon");

  private ModbusSimulator() {}

  /**
   * Entry point.
   *
   * @param args the args
   * @throws InterruptedException if the thread is interrupted while it waits
   */
  public static void main(String[] args) throws InterruptedException {
    HELIDON_LOG.setLevel(java.util.logging.Level.WARNING);
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Parses the arguments, starts the simulator and waits until it is shut down (by the shutdown hook). Returns
   * the exit status; 0 after {@code --help} or a clean stop. {@code --log-level} sets slf4j-simple's level for
   * the loggers created from then on: in a fresh process (the command line) that is all of them; in a JVM where
   * the toolkit has logged before (a test calling this twice) the earlier loggers keep theirs.
   */
  static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    SimulatorOptions options;
    try {
      LogLevelOption.Split split = LogLevelOption.split(args);
      if (split.level() != null) {
        LogLevelOption.apply(split.level());
      }
      options = SimulatorOptions.parse(split.rest());
    } catch (UsageException e) {
      // One line, so that a script or a supervisor's log shows the whole reason.
      String message = e.getMessage();
      err.println("modbus-simulator: " + message + (message.contains("--help") ? "" : " (see --help)"));
      return EXIT_USAGE;
    }
    if (options.help()) {
      out.print(SimulatorOptions.usage());
      return 0;
    }
    ProfileOptions profile = options.profile();
    if (profile != null) {
      out.println(ProfileSummary.line(profile));
    }
    FaultOptions faults = options.faults();
    if (faults != null) {
      out.println(FaultSummary.line(faults));
    }
    Simulator simulator;
    try {
      simulator = new Simulator(options);
    } catch (IllegalArgumentException e) {
      // The fault pipeline refuses what the file loader let through (e.g. an action its checks do not cover).
      err.println("modbus-simulator: " + e.getMessage());
      return EXIT_USAGE;
    }
    try {
      simulator.start();
    } catch (SimulatorStartException e) {
      err.println("modbus-simulator: " + e.getMessage());
      return EXIT_START_FAILED;
    }
    Thread hook = new Thread(() -> {
      out.println("Stopping the Modbus simulator...");
      boolean graceful = simulator.shutdown(options.shutdownGrace());
      out.println("Served " + simulator.totals().summary() + ".");
      String fired = FaultSummary.fired(simulator.faults().stats());
      if (!fired.isEmpty()) {
        out.println("Faults fired: " + fired + ".");
      }
      out.println(graceful ? "Modbus simulator stopped." : "Modbus simulator stopped (some connections forced closed).");
      out.flush();
    }, "modbus-simulator-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    simulator.tcpServer().ifPresent(s -> out.println(tcpLine(s, simulator.units(Transport.TCP))));
    simulator.rtuOverTcpServer()
        .ifPresent(s -> out.println(rtuOverTcpLine(s, list(simulator.units(Transport.RTU_OVER_TCP)))));
    simulator.udpServer().ifPresent(s -> out.println(udpLine(s, simulator.units(Transport.UDP))));
    simulator.rtuServer().ifPresent(s -> out.println(serialLine(s, list(simulator.units(Transport.SERIAL)))));
    simulator.adminAddress().ifPresent(a -> out.println("Admin API and dashboard on http://"
        + Simulator.hostAndPort(a) + "/" + (options.admin() != null && options.admin().token() != null
            ? " (bearer token required; the dashboard takes ?token=TOKEN)" : "")));
    Reload.onSighup(simulator, out);
    out.println("Press Ctrl-C to stop.");
    out.flush();
    collectStartupGarbage();
    simulator.awaitTermination();
    return 0;
  }

  /**
   * One collection once everything is up. Starting leaves tens of MB of garbage (class loading, JMX, the profile,
   * the register fill) in a young generation that ergonomics sizes at about 100 MB on a large machine; without a
   * collection, the first traffic would go on touching fresh pages of it, and a simulator holding 10,000
   * connections would keep about 15 MB more resident than it needs. After one, that traffic reuses the pages
   * already touched. The pause (a few ms, before the first request in practice) is paid once per process.
   */
  private static void collectStartupGarbage() {
    System.gc();
  }

  private static String list(SortedSet<Integer> units) {
    return units.isEmpty() ? "none" : units.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  private static String tcpLine(ModbusTcpServer server, SortedSet<Integer> units) {
    return "Modbus simulator listening on " + Simulator.hostAndPort(server.localAddress()) + " (Modbus TCP), units "
        + list(units) + reachServer(units);
  }

  private static String reachServer(SortedSet<Integer> units) {
    return units.isEmpty() ? "; every unit gets exception 0x0B."
        : "; unit 0 and 255 reach unit " + units.first() + ", other units get exception 0x0B.";
  }

  private static String rtuOverTcpLine(ModbusTcpServer server, String units) {
    return "Modbus simulator listening on " + Simulator.hostAndPort(server.localAddress()) + " (Modbus "
        + server.framing() + " over TCP), units " + units + "; unit 0 is a broadcast, other units get no answer.";
  }

  private static String udpLine(ModbusUdpServer server, SortedSet<Integer> units) {
    return "Modbus simulator listening on " + Simulator.hostAndPort(server.localAddress()) + " (Modbus over UDP), units "
        + list(units) + reachServer(units);
  }

  private static String serialLine(ModbusRtuServer server, String units) {
    SerialLineSettings applied = server.appliedLineSettings();
    String settings = server.lineSettings().toString();
    if (applied != null && !applied.equals(server.lineSettings())) {
      // A pseudo-terminal cannot keep a parity setting: say what is really in force.
      settings += ", applied as " + applied;
    }
    return "Modbus simulator serving serial device " + server.portName() + " (Modbus " + server.mode() + ", "
        + settings + "), units " + units + "; unit 0 is a broadcast, other units get no answer.";
  }
}
