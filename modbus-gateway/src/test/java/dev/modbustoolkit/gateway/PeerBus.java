package dev.modbustoolkit.gateway;

import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.client.ModbusTimeoutException;
import dev.modbustoolkit.client.RetryPolicy;
import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.core.UnitRange;
import dev.modbustoolkit.server.rtu.ModbusRtuServer;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import dev.modbustoolkit.testkit.ChildProcess;
import dev.modbustoolkit.testkit.PtyPair;
import dev.modbustoolkit.testkit.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The gateway between real peers: three serial lines, each a socat pty pair (a pty carries no baud rate or parity:
 * 19200 8N1 is asked for at both ends and not enforced), with one device on each, unit 1 there, holding {@link
 * PeerDevice}'s tables: a pymodbus RTU server (a python3 child process), a libmodbus RTU server (a C program compiled
 * here with cc and pkg-config's flags for libmodbus) and our own serial server. In front, the gateway's Modbus TCP
 * listener on 127.0.0.1, a free port. Upstream units: 1 is the pymodbus device, 2 the libmodbus one, 3 ours (each
 * remapped to unit 1 on its line); 4 is unit 7 on the pymodbus line and 5 unit 9 on the libmodbus line, which
 * nobody answers. Each downstream client waits {@link #TIMEOUT} for an answer.
 *
 * <p>A missing tool (socat, python3 with pymodbus, cc, libmodbus-dev) skips the test naming its Debian package, and
 * fails it under CI=true ({@link Tools}). Every child process is read on a thread of its own and destroyed on close.
 */
final class PeerBus implements AutoCloseable {
  /** The downstream devices, by the upstream unit id that reaches each. */
  enum Device {
    PYMODBUS(1, "pymodbus RTU server"),
    LIBMODBUS(2, "libmodbus RTU server"),
    OWN(3, "our RTU server");

    final int unit;
    final String peer;

    Device(int unit, String peer) {
      this.unit = unit;
      this.peer = peer;
    }
  }

  /** Upstream unit 4: unit 7 on the pymodbus line, where nobody answers. */
  static final int DEAD_ON_PYMODBUS = 4;
  /** Upstream unit 5: unit 9 on the libmodbus line, where nobody answers. */
  static final int DEAD_ON_LIBMODBUS = 5;
  /** The downstream clients' timeout: a unit nobody answers gets 0x0B after it. */
  static final Duration TIMEOUT = Duration.ofSeconds(1);
  static final SerialLineSettings LINE = SerialLineSettings.of(19_200, "8N1");

  private final List<AutoCloseable> open = new ArrayList<>();
  private final Path python;
  private final Path dir;
  private final RegisterDevice own = PeerDevice.own();
  private ModbusGateway gateway;
  private ModbusDispatcher dispatcher;
  private ModbusTcpServer server;

  private PeerBus(Path dir, Path python) {
    this.dir = dir;
    this.python = python;
  }

  /**
   * Starts the three devices and the gateway in {@code dir}; on any failure closes what it had started.
   *
   * @param gatewayOptions more settings of the gateway (quarantine, cache), applied after the routes
   */
  static PeerBus start(Path dir, UnaryOperator<ModbusGateway.Builder> gatewayOptions)
      throws Exception {
    Path python = Tools.requirePython("python3-pymodbus python3-serial python3-serial-asyncio", "pymodbus",
        "serial", "serial_asyncio");
    PeerBus bus = new PeerBus(dir, python);
    try {
      bus.startAll(gatewayOptions);
      return bus;
    } catch (Throwable t) {
      bus.close();
      throw t;
    }
  }

  private void startAll(UnaryOperator<ModbusGateway.Builder> gatewayOptions) throws Exception {
    Path libmodbus = compileLibmodbus();
    PtyPair pyLine = track(PtyPair.start(Files.createDirectories(dir.resolve("pymodbus-line"))));
    PtyPair libLine = track(PtyPair.start(Files.createDirectories(dir.resolve("libmodbus-line"))));
    PtyPair ownLine = track(PtyPair.start(Files.createDirectories(dir.resolve("own-line"))));

    ChildProcess pymodbus = track(ChildProcess.start(new ProcessBuilder(python.toString(),
        resource("pymodbus_rtu_server.py").toString(), pyLine.server().toString(),
        String.valueOf(LINE.baudRate()))));
    pymodbus.awaitLine(Duration.ofSeconds(30), "serving"::equals);
    ChildProcess lib = track(ChildProcess.start(new ProcessBuilder(libmodbus.toString(), libLine.server().toString(),
        String.valueOf(LINE.baudRate()))));
    lib.awaitLine(Duration.ofSeconds(20), "serving"::equals);
    track(ModbusRtuServer.builder(ModbusDispatcher.builder().unit(1, own).build()).port(ownLine.server().toString())
        .lineSettings(LINE).build().start());

    ModbusClient toPymodbus = line(pyLine);
    ModbusClient toLibmodbus = line(libLine);
    ModbusClient toOwn = line(ownLine);
    // pymodbus opens its end of the line after "serving": wait for each device's first answer on the line itself,
    // so that no timeout of the start-up counts towards a quarantine in the gateway
    for (ModbusClient c : List.of(toPymodbus, toLibmodbus, toOwn)) {
      awaitFirstAnswer(c);
    }
    ModbusGateway.Builder b = ModbusGateway.builder()
        .downstream("pymodbus", toPymodbus).downstream("libmodbus", toLibmodbus).downstream("own", toOwn)
        .route(new GatewayRoute(UnitRange.of(1, 1), "pymodbus", 1))
        .route(new GatewayRoute(UnitRange.of(2, 2), "libmodbus", 1))
        .route(new GatewayRoute(UnitRange.of(3, 3), "own", 1))
        .route(new GatewayRoute(UnitRange.of(DEAD_ON_PYMODBUS, DEAD_ON_PYMODBUS), "pymodbus", 7))
        .route(new GatewayRoute(UnitRange.of(DEAD_ON_LIBMODBUS, DEAD_ON_LIBMODBUS), "libmodbus", 9));
    gateway = track(gatewayOptions.apply(b).build());
    dispatcher = gateway.dispatcher();
    server = track(ModbusTcpServer.builder(dispatcher).bindAddress("127.0.0.1").port(0).build().start());
  }

  private static ModbusClient line(PtyPair pty) {
    // not tracked: the gateway closes its downstream clients
    return ModbusClient.serial(pty.client().toString()).lineSettings(LINE).timeout(TIMEOUT).retry(RetryPolicy.NONE)
        .build();
  }

  private static void awaitFirstAnswer(ModbusClient c) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        c.blocking().readHoldingRegisters(1, 0, 1);
        return;
      } catch (ModbusTimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  /** Copies a script or source of src/test/resources/peers into the bus's directory. */
  Path resource(String name) throws IOException {
    Path target = dir.resolve(name);
    if (!Files.exists(target)) {
      try (InputStream in = PeerBus.class.getResourceAsStream("/peers/" + name)) {
        Files.write(target, in.readAllBytes());
      }
    }
    return target;
  }

  /** Compiles the libmodbus server; skips (fails under CI=true) when cc, pkg-config or libmodbus-dev is missing. */
  private Path compileLibmodbus() throws IOException, InterruptedException {
    Path cc = Tools.require("cc", "gcc");
    Path pkgConfig = Tools.require("pkg-config", "pkg-config");
    Tools.Result flags = Tools.run(Duration.ofSeconds(30), pkgConfig.toString(), "--cflags", "--libs", "libmodbus");
    if (flags.exitCode() != 0) {
      return Tools.missing("libmodbus for pkg-config (" + flags.output().strip() + ")", "libmodbus-dev");
    }
    Path binary = dir.resolve("libmodbus_rtu_server");
    List<String> command = new ArrayList<>(List.of(cc.toString(), "-O1", "-o", binary.toString(),
        resource("libmodbus_rtu_server.c").toString()));
    command.addAll(List.of(flags.output().strip().split("\\s+")));
    Tools.Result r = Tools.run(Duration.ofSeconds(60), command);
    if (r.exitCode() != 0) {
      throw new AssertionError("cannot build the libmodbus server with " + command + ":\n" + r.output());
    }
    return binary;
  }

  private <T extends AutoCloseable> T track(T c) {
    open.add(c);
    return c;
  }

  /** {@return the python3 that has pymodbus} */
  Path python() {
    return python;
  }

  /** {@return the gateway's Modbus TCP port on 127.0.0.1} */
  int port() {
    return server.localAddress().getPort();
  }

  /** {@return the gateway} */
  ModbusGateway gateway() {
    return gateway;
  }

  /** {@return the dispatcher in front of the gateway: what it counted, by function code} */
  ModbusDispatcher dispatcher() {
    return dispatcher;
  }

  /** {@return our own device, to check what it holds} */
  RegisterDevice own() {
    return own;
  }

  /** Closes the listener, the gateway (and its clients), the devices and the pty pairs, last started first. */
  @Override
  public void close() throws Exception {
    Exception first = null;
    for (AutoCloseable c : open.reversed()) {
      try {
        c.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
