package dev.modbustoolkit.simulator;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultStats;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.DispatchListener;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.serial.SerialMode;
import dev.modbustoolkit.server.rtu.ModbusRtuServer;
import dev.modbustoolkit.server.udp.ModbusUdpServer;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import dev.modbustoolkit.server.tcp.TcpFraming;
import dev.modbustoolkit.registers.WordOrder;
import dev.modbustoolkit.simulator.admin.AdminHooks;
import dev.modbustoolkit.simulator.admin.AdminServer;
import dev.modbustoolkit.simulator.internal.DataFiller;
import dev.modbustoolkit.simulator.internal.FaultEntries;
import dev.modbustoolkit.simulator.internal.FaultFiles;
import dev.modbustoolkit.simulator.internal.Reloader;
import dev.modbustoolkit.simulator.internal.RequestTrace;
import dev.modbustoolkit.simulator.model.DeviceModel;
import dev.modbustoolkit.simulator.model.SimulatedUnit;
import dev.modbustoolkit.simulator.profile.DeviceProfile;
import dev.modbustoolkit.simulator.profile.RegisterMap;
import dev.modbustoolkit.simulator.profile.Transport;
import dev.modbustoolkit.simulator.profile.UnitProfile;
import java.util.EnumMap;
import java.util.TreeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.nio.file.Files;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated devices and their servers, built from {@link SimulatorOptions}; usable from tests without the
 * command line. Without a profile each unit gets its own {@link DataModel} over 0..size-1 ({@code --size},
 * 0..65535 by default) in all four tables, filled as {@link SimulatorOptions#fill()} says; with one
 * ({@code --profile}) the {@link DeviceModel} of the profile serves its units, and its values move from
 * {@link #start()} on.
 *
 * <p>One {@link FaultPipeline} serves every transport, and so do the same devices (one {@link ModbusDispatcher}
 * per transport over them, for a profile may serve a unit on some transports only), so a value written over
 * Modbus TCP is read back over the serial line, and a fault's counters see the requests of all transports.
 *
 * <p>Unknown unit ids: the dispatcher keeps its default policy, exception 0x0B (gateway target device failed to
 * respond), which is what Modbus TCP clients get. The serial servers never ask the dispatcher about a unit it
 * does not serve: they skip such frames before dispatching (a device on a shared bus must stay silent for the
 * others' addresses), and unit 0 is a broadcast there. So the one dispatcher is right for both kinds of
 * transport, and the serial servers stay silent whatever the dispatcher's policy.
 *
 * <p>Why this file is over 400 lines (about 520, half of it Javadoc of the public API): it is the one object a
 * command line, a test or the JUnit extension holds; building, starting (each server with its own error message),
 * reload, shutdown and the totals each touch every server, and the accessors are that public API. The admin API, the device
 * model and the reload logic live in their own classes.
 */
public final class Simulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

  private final SimulatorOptions options;
  private final @Nullable AdminHooks hooks;
  private final FaultCatalog faultCatalog = new FaultCatalog();
  private final Reloader reloader;
  private volatile @Nullable AdminServer admin;
  private final DeviceModel device;
  private final Map<Integer, DataModel> models;
  private final ModbusDispatcher dispatcher;
  private final Map<Transport, ModbusDispatcher> dispatchers;
  private final Map<Transport, SortedSet<Integer>> unitsByTransport;
  private final FaultPipeline faults;
  private final @Nullable ModbusTcpServer tcpServer;
  private final @Nullable ModbusTcpServer rtuOverTcpServer;
  private final @Nullable ModbusRtuServer rtuServer;
  private final @Nullable ModbusUdpServer udpServer;
  private final CountDownLatch terminated = new CountDownLatch(1);

  /**
   * Builds the devices and the (not yet started) servers.
   *
   * @param options the options
   */
  public Simulator(SimulatorOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.hooks = options.admin() == null ? null : new AdminHooks();
    ProfileOptions profile = options.profile();
    this.device = profile == null
        ? DeviceModel.of(plainProfile(options.units(), options.size()), 0)
        : DeviceModel.of(profile.content(), profile.seed());
    if (profile == null) {
      DataFiller filler = DataFiller.of(options.fill());
      device.maps().values().forEach(points -> filler.fill(points.data()));
    }
    Map<Integer, DataModel> m = new LinkedHashMap<>();
    for (int id : options.units()) {
      m.put(id, device.unit(id).orElseThrow().data());
    }
    this.models = Collections.unmodifiableMap(m);
    Map<Transport, ModbusDispatcher> dispatchers = new EnumMap<>(Transport.class);
    Map<Transport, SortedSet<Integer>> served = new EnumMap<>(Transport.class);
    for (Transport transport : Transport.values()) {
      served.put(transport, unitsOn(transport, options));
      dispatchers.put(transport, dispatcher(served.get(transport), transport));
    }
    this.dispatchers = Collections.unmodifiableMap(dispatchers);
    this.unitsByTransport = Collections.unmodifiableMap(served);
    this.dispatcher = dispatchers.get(Transport.TCP);
    FaultOptions faultOptions = options.faults();
    this.faults = faultOptions == null ? FaultPipeline.empty() : faultOptions.newPipeline();
    if (faultOptions != null) {
      catalogFaultFile(faultOptions);
    }
    this.reloader = new Reloader(faultOptions, faults, faultCatalog, profile, device);
    this.tcpServer = options.tcpEnabled() ? tcpServer(options, dispatcher, faults, hooks) : null;
    ModbusDispatcher overTcp = dispatchers.get(Transport.RTU_OVER_TCP);
    SerialOptions serial = options.serial();
    Integer overTcpPort = serial.overTcpPort();
    this.rtuOverTcpServer = overTcpPort == null ? null
        : serialFramingServer(options, overTcp, faults, hooks, overTcpPort,
            serial.mode() == SerialMode.RTU ? TcpFraming.RTU : TcpFraming.ASCII);
    Integer udpPort = options.udpPort();
    this.udpServer = udpPort == null ? null
        : ModbusUdpServer.builder(dispatchers.get(Transport.UDP))
            .bindAddress(new InetSocketAddress(options.bindAddress(), udpPort))
            .decodeLevel(options.decodeLevel())
            .faults(faults)
            .build();
    String device = serial.device();
    this.rtuServer = device == null ? null
        : ModbusRtuServer.builder(dispatchers.get(Transport.SERIAL))
            .port(device)
            .decodeLevel(options.decodeLevel())
            .mode(serial.mode())
            .lineSettings(serial.lineSettings())
            .timingTolerance(serial.tolerance())
            .strictSilences(serial.strictSilences())
            .faults(faults)
            .build();
  }

  /** The units a transport serves: those of the profile that name it, or every unit. */
  private SortedSet<Integer> unitsOn(Transport transport, SimulatorOptions options) {
    SortedSet<Integer> ids = new TreeSet<>();
    for (int id : options.units()) {
      if (options.profile() == null
          || device.profile().units().stream().anyMatch(u -> u.id() == id && u.transports().contains(transport))) {
        ids.add(id);
      }
    }
    return Collections.unmodifiableSortedSet(ids);
  }

  /** The fault file's entries as the admin API shows them; a file that cannot be read again just has none. */
  private void catalogFaultFile(FaultOptions faultOptions) {
    try {
      String text = Files.readString(faultOptions.file());
      faultCatalog.replaceAll(FaultEntries.of(text, FaultFiles.syntaxOf(faultOptions.file(), text)));
    } catch (IOException | RuntimeException e) {
      LOG.debug("fault file {} not catalogued: {}", faultOptions.file(), e.toString());
    }
  }

  /** One dispatcher per transport over the same devices: a unit served on two transports is one device. */
  private ModbusDispatcher dispatcher(SortedSet<Integer> ids, Transport transport) {
    ModbusDispatcher.Builder builder = ModbusDispatcher.builder();
    @Nullable DispatchListener listener = hooks == null ? null : hooks.dispatchListener(transport);
    if (RequestTrace.enabled()) {
      listener = listener == null ? RequestTrace.of(transport) : RequestTrace.both(listener, RequestTrace.of(transport));
    }
    if (listener != null) {
      builder.listener(listener);
    }
    for (int id : ids) {
      builder.unit(id, device.unit(id).orElseThrow().device());
    }
    if (!ids.isEmpty()) {
      // Units 0 and 255 address "the server itself" on TCP: the lowest unit plays that part.
      builder.serverDevice(device.unit(ids.first()).orElseThrow().device());
    }
    return builder.build();
  }

  /** Without a profile: each unit its own map, every table 0..size-1, no points. */
  private static DeviceProfile plainProfile(SortedSet<Integer> units, int size) {
    Map<String, RegisterMap> maps = new LinkedHashMap<>();
    List<UnitProfile> list = new ArrayList<>();
    for (int unit : units) {
      String name = "unit " + unit;
      maps.put(name, new RegisterMap(name, WordOrder.ABCD, null, size, List.of(), false));
      list.add(new UnitProfile(unit, name, null));
    }
    return new DeviceProfile(0L, maps, list);
  }

  private static ModbusTcpServer tcpServer(SimulatorOptions options, ModbusDispatcher dispatcher,
      FaultPipeline faults, @Nullable AdminHooks hooks) {
    ModbusTcpServer.Builder builder = tcpBuilder(options, dispatcher, faults).port(options.port());
    if (hooks != null) {
      builder.listener(hooks.connectionListener(Transport.TCP));
    }
    // On port 0 (any free port) the server's own name, host:port once bound, keeps two simulators' JMX names apart.
    return (options.port() == 0 ? builder : builder.name("modbus-simulator-" + options.port())).build();
  }

  /** RTU or ASCII over TCP: the same listener, limits, timeouts and faults as Modbus TCP, another framing. */
  private static ModbusTcpServer serialFramingServer(SimulatorOptions options, ModbusDispatcher dispatcher,
      FaultPipeline faults, @Nullable AdminHooks hooks, int port, TcpFraming framing) {
    ModbusTcpServer.Builder builder = tcpBuilder(options, dispatcher, faults).port(port).framing(framing);
    if (hooks != null) {
      builder.listener(hooks.connectionListener(Transport.RTU_OVER_TCP));
    }
    return (port == 0 ? builder
        : builder.name("modbus-simulator-" + framing.name().toLowerCase(java.util.Locale.ROOT) + "-over-tcp-" + port))
        .build();
  }

  private static ModbusTcpServer.Builder tcpBuilder(SimulatorOptions options, ModbusDispatcher dispatcher,
      FaultPipeline faults) {
    return ModbusTcpServer.builder(dispatcher)
        .decodeLevel(options.decodeLevel())
        .bindAddress(options.bindAddress())
        .maxConnections(options.maxConnections())
        .connectionLimitPolicy(options.limitPolicy())
        .idleTimeout(options.idleTimeout())
        .requestTimeout(options.requestTimeout())
        .ioMode(options.ioMode())
        .shutdownGracePeriod(options.shutdownGrace())
        .faults(faults);
  }

  /**
   * Starts every configured server: Modbus TCP, then RTU over TCP, then the serial device. If one fails, the ones
   * already started are stopped again.
   *
   * @throws SimulatorStartException naming the server that failed and why
   */
  public void start() throws SimulatorStartException {
    try {
      device.engine().start();
      if (tcpServer != null) {
        startTcp(tcpServer);
      }
      if (rtuOverTcpServer != null) {
        startRtuOverTcp(rtuOverTcpServer);
      }
      if (udpServer != null) {
        startUdp(udpServer);
      }
      if (rtuServer != null) {
        startSerial(rtuServer);
      }
      AdminOptions adminOptions = options.admin();
      if (adminOptions != null) {
        startAdmin(adminOptions);
      }
    } catch (SimulatorStartException e) {
      shutdown(Duration.ZERO);
      throw e;
    }
  }

  private void startTcp(ModbusTcpServer server) throws SimulatorStartException {
    try {
      server.start();
    } catch (IOException e) {
      String where = hostAndPort(new InetSocketAddress(options.bindAddress(), options.port()));
      throw new SimulatorStartException("cannot listen on " + where + " (Modbus TCP): " + e.getMessage()
          + bindHint(e, options.port()), e);
    }
  }

  private void startRtuOverTcp(ModbusTcpServer server) throws SimulatorStartException {
    int port = Objects.requireNonNull(options.serial().overTcpPort());
    try {
      server.start();
    } catch (IOException e) {
      // The server's message repeats the address; its cause says what went wrong.
      Throwable reason = e.getCause() != null ? e.getCause() : e;
      String where = hostAndPort(new InetSocketAddress(options.bindAddress(), port));
      throw new SimulatorStartException("cannot listen on " + where + " (Modbus " + options.serial().mode()
          + " over TCP): " + reason.getMessage() + bindHint(reason, port), e);
    }
  }

  private void startUdp(ModbusUdpServer server) throws SimulatorStartException {
    int port = Objects.requireNonNull(options.udpPort());
    try {
      server.start();
    } catch (IOException e) {
      Throwable reason = e.getCause() != null ? e.getCause() : e;
      String where = hostAndPort(new InetSocketAddress(options.bindAddress(), port));
      throw new SimulatorStartException("cannot listen on " + where + " (Modbus over UDP): " + reason.getMessage()
          + bindHint(reason, port), e);
    }
  }

  private void startSerial(ModbusRtuServer server) throws SimulatorStartException {
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      throw new SimulatorStartException("cannot open serial device " + server.portName() + " (Modbus "
          + server.mode() + " at " + server.lineSettings() + "): " + e.getMessage(), e);
    }
  }

  private void startAdmin(AdminOptions adminOptions) throws SimulatorStartException {
    try {
      admin = AdminServer.start(this, Objects.requireNonNull(hooks), adminOptions);
    } catch (RuntimeException e) {
      // Helidon wraps the bind failure; its cause says what went wrong.
      Throwable reason = e.getCause() != null ? e.getCause() : e;
      String where = hostAndPort(new InetSocketAddress(adminOptions.bindAddress(), adminOptions.port()));
      throw new SimulatorStartException("cannot listen on " + where + " (admin API): " + reason.getMessage()
          + bindHint(reason, adminOptions.port()), e);
    }
  }

  private static String bindHint(Throwable e, int port) {
    if (!(e instanceof BindException)) {
      return "";
    }
    return port > 0 && port < 1024 ? " (ports below 1024 need privileges)" : " (is another server using it?)";
  }

  /** "127.0.0.1:5020" or "[::1]:5020". */
  static String hostAndPort(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  /** {@return where the admin API and dashboard listen, once started with {@code --admin}} */
  public Optional<InetSocketAddress> adminAddress() {
    AdminServer a = admin;
    return a == null ? Optional.empty() : Optional.of(a.address());
  }

  /** {@return the admin server, once started with {@code --admin}} */
  public Optional<AdminServer> adminServer() {
    return Optional.ofNullable(admin);
  }

  /** {@return the fault-file entries of the pipeline's faults, as the admin API shows them} */
  public FaultCatalog faultCatalog() {
    return faultCatalog;
  }

  /**
   * Reads the fault file and the profile from disk again and applies them, without touching a connection: the
   * pipeline's faults are replaced at once by the file's (all enabled, counters afresh), and a profile whose
   * register layout is unchanged puts every point back to its initial value (new ones included). What
   * {@code POST /api/reload} and SIGHUP do.
   *
   * @return what changed
   * @throws ReloadException when a file cannot be read or is invalid, or the profile's layout changed (nothing
   *     changes then)
   */
  public ReloadResult reload() throws ReloadException {
    return reloader.reload();
  }

  /**
   * Puts every value back to the profile as last loaded ({@link DeviceModel#reset()}, then the initial values a
   * {@link #reload()} changed).
   */
  public void reset() {
    reloader.reset();
  }

  /** {@return the counters of every transport, devices and faults since start} */
  public SimulatorTotals totals() {
    long requests = 0;
    long exceptions = 0;
    for (ModbusDispatcher d : dispatchers.values()) {
      requests += d.metrics().totalRequests();
      exceptions += d.metrics().totalExceptions();
    }
    long active = 0;
    long accepted = 0;
    long in = 0;
    long out = 0;
    for (ModbusTcpServer server : new ModbusTcpServer[] {tcpServer, rtuOverTcpServer}) {
      if (server != null) {
        active += server.metrics().activeConnections();
        accepted += server.metrics().acceptedConnections();
        in += server.metrics().bytesIn();
        out += server.metrics().bytesOut();
      }
    }
    if (udpServer != null) {
      in += udpServer.metrics().bytesIn();
      out += udpServer.metrics().bytesOut();
    }
    long fired = faults.stats().stream().mapToLong(FaultStats::activations).sum();
    return new SimulatorTotals(requests, exceptions, fired, active, accepted, in, out);
  }

  /** {@return the Modbus TCP server, absent with {@code --no-tcp}} */
  public Optional<ModbusTcpServer> tcpServer() {
    return Optional.ofNullable(tcpServer);
  }

  /** {@return the RTU-over-TCP server, present with {@code --rtu-over-tcp}} */
  public Optional<ModbusTcpServer> rtuOverTcpServer() {
    return Optional.ofNullable(rtuOverTcpServer);
  }

  /** {@return the Modbus over UDP server, present with {@code --udp}} */
  public Optional<ModbusUdpServer> udpServer() {
    return Optional.ofNullable(udpServer);
  }

  /** {@return the serial-line server, present with {@code --rtu}} */
  public Optional<ModbusRtuServer> rtuServer() {
    return Optional.ofNullable(rtuServer);
  }

  /** {@return the Modbus TCP server's dispatcher (every transport's, unless a profile serves units on some only)} */
  public ModbusDispatcher dispatcher() {
    return dispatcher;
  }

  /**
   * {@return the dispatcher of one transport: its units, the same devices as on the others}
   *
   * @param transport the transport
   */
  public ModbusDispatcher dispatcher(Transport transport) {
    return dispatchers.get(transport);
  }

  /**
   * {@return the unit ids a transport serves, ascending}
   *
   * @param transport the transport
   */
  public SortedSet<Integer> units(Transport transport) {
    return unitsByTransport.get(transport);
  }

  /**
   * {@return the fault pipeline every server uses (empty without {@code --faults}); faults can be changed while
   * running}
   */
  public FaultPipeline faults() {
    return faults;
  }

  /** {@return the options it was built from} */
  public SimulatorOptions options() {
    return options;
  }

  /**
   * {@return the devices: units, points by name, the engine moving their values, snapshot, restore and reset}
   */
  public DeviceModel device() {
    return device;
  }

  /** {@return the data model of each unit, by unit id (units sharing a profile map share one)} */
  public Map<Integer, DataModel> models() {
    return models;
  }

  /**
   * Stops every server: the serial ones at once, Modbus TCP gracefully within {@code grace} (it answers the
   * requests already read). Idempotent; releases {@link #awaitTermination()}.
   *
   * @param grace how long work in progress may take before it is cut short
   * @return true if every Modbus TCP connection ended within the grace period
   */
  public boolean shutdown(Duration grace) {
    try {
      AdminServer a = admin;
      if (a != null) {
        a.close();
      }
      device.close();
      if (rtuServer != null) {
        rtuServer.close();
      }
      if (rtuOverTcpServer != null) {
        rtuOverTcpServer.shutdown(grace);
      }
      if (udpServer != null) {
        udpServer.close();
      }
      return tcpServer == null || tcpServer.shutdown(grace);
    } finally {
      terminated.countDown();
    }
  }

  /**
   * Waits until {@link #shutdown(Duration)} (or {@link #close()}) has run, e.g. from a shutdown hook.
   *
   * @throws InterruptedException if the thread is interrupted while it waits
   */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  /** Stops every server, Modbus TCP within the configured grace period. */
  @Override
  public void close() {
    shutdown(options.shutdownGrace());
  }
}
