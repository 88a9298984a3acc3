package dev.modbustoolkit.junit;

import dev.modbustoolkit.fault.config.FaultFile;
import dev.modbustoolkit.fault.config.FaultFileException;
import dev.modbustoolkit.fault.config.FaultFileLoader;
import dev.modbustoolkit.junit.internal.Resources;
import dev.modbustoolkit.registers.BitTable;
import dev.modbustoolkit.registers.ChangeOrigin;
import dev.modbustoolkit.registers.RegisterTable;
import dev.modbustoolkit.server.core.DispatcherMetrics;
import dev.modbustoolkit.transport.stream.ConnectionLimitPolicy;
import dev.modbustoolkit.server.tcp.IoMode;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import dev.modbustoolkit.simulator.DataFill;
import dev.modbustoolkit.simulator.FaultOptions;
import dev.modbustoolkit.simulator.ProfileOptions;
import dev.modbustoolkit.simulator.SerialOptions;
import dev.modbustoolkit.simulator.Simulator;
import dev.modbustoolkit.simulator.SimulatorOptions;
import dev.modbustoolkit.simulator.SimulatorStartException;
import dev.modbustoolkit.simulator.model.Point;
import dev.modbustoolkit.simulator.model.PointTable;
import dev.modbustoolkit.simulator.profile.DeviceProfile;
import dev.modbustoolkit.simulator.profile.ProfileException;
import dev.modbustoolkit.simulator.profile.ProfileLoader;
import dev.modbustoolkit.simulator.profile.Table;
import dev.modbustoolkit.simulator.profile.Transport;
import dev.modbustoolkit.transport.DecodeLevel;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.jspecify.annotations.Nullable;

/** Turns a {@link DeviceSpec} into a started {@link Simulator} and its {@link SimulatorHandle}. */
final class DeviceLauncher {
  private DeviceLauncher() {}

  /**
   * Starts a device.
   *
   * @param spec what to start
   * @param where what declared it, for messages ("field EnergyMeterTest.meter")
   * @param loader where class path resources are found
   * @throws ExtensionConfigurationException naming {@code where} and the loader's message (which names the field)
   */
  static SimulatorHandle start(DeviceSpec spec, String where, ClassLoader loader) {
    String what = "@SimulatedDevice on " + where;
    if (spec.transports().isEmpty()) {
      throw new ExtensionConfigurationException(what + ": transports: at least one");
    }
    if (spec.transports().contains(Transport.SERIAL)) {
      throw new ExtensionConfigurationException(what + ": transports: SERIAL needs a serial port; use TCP, "
          + "RTU_OVER_TCP or UDP");
    }
    ProfileOptions profile = profile(spec, what, loader);
    FaultOptions faults = faults(spec, what, loader, profile);
    SortedSet<Integer> units = new TreeSet<>();
    if (profile != null) {
      profile.content().units().forEach(u -> units.add(u.id()));
    } else {
      units.addAll(spec.units());
    }
    SimulatorOptions options;
    try {
      SerialOptions none = SerialOptions.none();
      SerialOptions serial = spec.transports().contains(Transport.RTU_OVER_TCP)
          ? new SerialOptions(null, 0, none.mode(), none.lineSettings(), none.tolerance())
          : none;
      options = new SimulatorOptions(InetAddress.getLoopbackAddress(), spec.transports().contains(Transport.TCP), 0,
          units, DataFill.ZERO, ModbusTcpServer.Builder.DEFAULT_MAX_CONNECTIONS, ConnectionLimitPolicy.REFUSE,
          ModbusTcpServer.Builder.DEFAULT_IDLE_TIMEOUT, ModbusTcpServer.Builder.DEFAULT_REQUEST_TIMEOUT,
          IoMode.EVENT_LOOP, Duration.ZERO, serial, spec.transports().contains(Transport.UDP) ? 0 : null,
          DecodeLevel.NOTHING, faults, false, spec.size(), profile);
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(what + ": " + e.getMessage(), e);
    }
    Simulator simulator;
    try {
      simulator = new Simulator(options);
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(what + ": " + e.getMessage(), e);
    }
    List<DispatcherMetrics> metrics = new ArrayList<>();
    for (Transport t : Transport.values()) {
      metrics.add(simulator.dispatcher(t).metrics());
    }
    DeviceTraffic traffic = new DeviceTraffic(metrics, simulator.faults());
    record(simulator, traffic);
    try {
      simulator.start();
    } catch (SimulatorStartException e) {
      throw new ExtensionConfigurationException(what + ": " + e.getMessage(), e);
    }
    if (spec.clock() == DeviceClock.MANUAL) {
      // Simulator.start() starts the engine on the system clock; stopping its thread at once leaves the values at
      // tick 0 (the first run, due now, finds no tick of 10 ms or more due), for the test to move with advance().
      simulator.device().engine().close();
    }
    return new SimulatorHandle(simulator, traffic, spec.clock(), where);
  }

  private static @Nullable ProfileOptions profile(DeviceSpec spec, String what, ClassLoader loader) {
    DeviceProfile content = spec.profile();
    Path file = Path.of("(built in code)");
    if (spec.profileLocation() != null) {
      Resources.Text text = read(spec.profileLocation(), "profile", what, loader);
      try {
        content = ProfileLoader.parse(text.text(), ProfileLoader.syntaxOf(text.path(), text.text()), text.baseDir());
      } catch (ProfileException e) {
        throw new ExtensionConfigurationException(what + ": profile " + text.name() + ": " + e.getMessage(), e);
      }
      file = text.path();
    }
    if (content == null) {
      return null;
    }
    long seed = spec.seed() != null ? spec.seed() : content.seed() != null ? content.seed() : 0L;
    return new ProfileOptions(file, content, seed,
        spec.seed() != null ? FaultOptions.SeedSource.OPTION : FaultOptions.SeedSource.FILE);
  }

  private static @Nullable FaultOptions faults(DeviceSpec spec, String what, ClassLoader loader,
      @Nullable ProfileOptions profile) {
    List<dev.modbustoolkit.fault.FaultSpec> all = new ArrayList<>();
    Long fileSeed = null;
    Path file = Path.of("(built in code)");
    if (spec.faultsLocation() != null) {
      Resources.Text text = read(spec.faultsLocation(), "faults", what, loader);
      FaultFile content;
      try {
        content = FaultFileLoader.parse(text.text(), syntaxOf(text.path(), text.text()));
      } catch (FaultFileException e) {
        throw new ExtensionConfigurationException(what + ": faults " + text.name() + ": " + e.getMessage(), e);
      }
      all.addAll(content.faults());
      fileSeed = content.seed();
      file = text.path();
    }
    all.addAll(spec.faults());
    if (spec.faultsLocation() == null && spec.faults().isEmpty()) {
      return null;
    }
    long seed = spec.seed() != null ? spec.seed()
        : fileSeed != null ? fileSeed : profile != null ? profile.seed() : 0L;
    try {
      return new FaultOptions(file, new FaultFile(fileSeed, all), seed,
          spec.seed() != null ? FaultOptions.SeedSource.OPTION : FaultOptions.SeedSource.FILE);
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(what + ": faults: " + e.getMessage(), e);
    }
  }

  private static FaultFileLoader.Syntax syntaxOf(Path file, String text) {
    return ProfileLoader.syntaxOf(file, text) == ProfileLoader.Syntax.JSON
        ? FaultFileLoader.Syntax.JSON : FaultFileLoader.Syntax.YAML;
  }

  private static Resources.Text read(String location, String attribute, String what, ClassLoader loader) {
    try {
      return Resources.read(location, loader);
    } catch (IOException e) {
      throw new ExtensionConfigurationException(what + ": " + attribute + " " + location + ": " + e.getMessage(), e);
    }
  }

  /** Writes by clients (origin WIRE) to each map, once per map: units sharing a map are one device. */
  private static void record(Simulator simulator, DeviceTraffic traffic) {
    var device = simulator.device();
    device.maps().forEach((name, table) -> {
      List<Integer> units = new ArrayList<>();
      device.units().forEach((id, unit) -> {
        if (unit.points() == table) {
          units.add(id);
        }
      });
      var data = table.data();
      listen(data.coils(), Table.COILS, units, table, traffic);
      listen(data.discreteInputs(), Table.DISCRETE_INPUTS, units, table, traffic);
      listen(data.holdingRegisters(), Table.HOLDING_REGISTERS, units, table, traffic);
      listen(data.inputRegisters(), Table.INPUT_REGISTERS, units, table, traffic);
    });
  }

  private static void listen(BitTable bits, Table table, List<Integer> units, PointTable points,
      DeviceTraffic traffic) {
    bits.addListener(e -> {
      if (e.origin() == ChangeOrigin.WIRE) {
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < e.quantity(); i++) {
          values.add(e.newValue(i) ? 1 : 0);
        }
        traffic.record(new DeviceWrite(units, table, e.address(), values,
            touched(points, table, e.address(), e.quantity())));
      }
    });
  }

  private static void listen(RegisterTable registers, Table table, List<Integer> units, PointTable points,
      DeviceTraffic traffic) {
    registers.addListener(e -> {
      if (e.origin() == ChangeOrigin.WIRE) {
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < e.quantity(); i++) {
          values.add(e.newValue(i));
        }
        traffic.record(new DeviceWrite(units, table, e.address(), values,
            touched(points, table, e.address(), e.quantity())));
      }
    });
  }

  private static List<String> touched(PointTable points, Table table, int address, int quantity) {
    List<String> names = new ArrayList<>();
    for (Point p : points.points()) {
      var s = p.spec();
      if (s.table() == table && s.address() < address + quantity && address < s.address() + s.type().width()) {
        names.add(p.name());
      }
    }
    return names;
  }
}
