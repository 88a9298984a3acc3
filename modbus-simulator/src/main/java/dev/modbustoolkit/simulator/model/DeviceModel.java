package dev.modbustoolkit.simulator.model;

import dev.modbustoolkit.registers.AddressBlock;
import dev.modbustoolkit.registers.BitTable;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.RegisterTable;
import dev.modbustoolkit.server.core.DeviceIdentification;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.simulator.internal.ValueGenerator;
import dev.modbustoolkit.simulator.profile.BlockSpec;
import dev.modbustoolkit.simulator.profile.DeviceProfile;
import dev.modbustoolkit.simulator.profile.Identification;
import dev.modbustoolkit.simulator.profile.PointSpec;
import dev.modbustoolkit.simulator.profile.PointValue;
import dev.modbustoolkit.simulator.profile.RegisterMap;
import dev.modbustoolkit.simulator.profile.Table;
import dev.modbustoolkit.simulator.profile.ValueSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The running form of a {@link DeviceProfile}: one {@link DataModel} and {@link PointTable} per map, one
 * {@link SimulatedUnit} per unit id, and the {@link ValueEngine} that moves the points.
 *
 * <p>What an admin API or a test needs: {@link #point(int, String)} finds a point by unit and name, {@link Point}
 * reads and writes it as a typed value, {@link #snapshot()} / {@link #restore(Snapshot)} save and put back every
 * address, and {@link #reset()} returns to the profile's initial values and tick 0.
 */
public final class DeviceModel implements AutoCloseable {
  private final DeviceProfile profile;
  private final long seed;
  private final Map<String, PointTable> maps;
  private final Map<Integer, SimulatedUnit> units;
  private final ValueEngine engine;

  private DeviceModel(DeviceProfile profile, long seed, LongSupplier nanoClock) {
    this.profile = profile;
    this.seed = seed;
    Map<String, PointTable> m = new LinkedHashMap<>();
    List<ValueEngine.Moving> moving = new ArrayList<>();
    for (RegisterMap map : profile.maps().values()) {
      PointTable table = new PointTable(map, data(map));
      m.put(map.name(), table);
      for (Point p : table.points()) {
        writeInitial(p);
        ValueSpec value = p.spec().value();
        if (value != null) {
          java.util.function.DoubleSupplier setpoint = () -> 0;
          if (value instanceof ValueSpec.FirstOrderLag lag) {
            Point sp = table.point(lag.setpoint()).orElseThrow(
                () -> new IllegalArgumentException("point " + p.name() + ": no setpoint " + lag.setpoint()));
            setpoint = sp::readNumber;
          }
          double initial = p.spec().initial() instanceof PointValue.Number n ? n.value() : 0;
          moving.add(new ValueEngine.Moving(p, new ValueGenerator(value, pointSeed(seed, map.name(), p.name()),
              p.spec().tick(), setpoint, initial)));
        }
      }
    }
    this.maps = Collections.unmodifiableMap(m);
    Map<Integer, SimulatedUnit> u = new LinkedHashMap<>();
    profile.units().forEach(unit -> {
      PointTable table = maps.get(unit.map());
      u.put(unit.id(), new SimulatedUnit(unit.id(), device(table.data(), unit.identification()), table));
    });
    this.units = Collections.unmodifiableMap(u);
    this.engine = new ValueEngine(moving, nanoClock);
    engine.advanceTo(0);
  }

  /**
   * {@return the model of {@code profile}, its values at tick 0, not yet moving ({@link ValueEngine#start()})}
   *
   * @param profile the profile
   * @param seed the seed of every moving value (each point draws from its own stream of it)
   * @param nanoClock the clock the engine moves by when started ({@code System::nanoTime})
   * @throws IllegalArgumentException when a unit's identification does not fit FC 2B/0E or FC 11
   */
  public static DeviceModel of(DeviceProfile profile, long seed, LongSupplier nanoClock) {
    return new DeviceModel(Objects.requireNonNull(profile, "profile"), seed, nanoClock);
  }

  /**
   * {@return the model of {@code profile} on the system clock}
   *
   * @param profile the profile
   * @param seed the seed of every moving value
   */
  public static DeviceModel of(DeviceProfile profile, long seed) {
    return of(profile, seed, System::nanoTime);
  }

  /** A point's own seed: stable across runs and JVMs (FNV-1a of map and point name, mixed with the seed). */
  static long pointSeed(long seed, String map, String point) {
    long h = 0xcbf29ce484222325L;
    for (byte b : (map + "\u0000" + point).getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xFF)) * 0x100000001b3L;
    }
    return seed ^ h;
  }

  private static DataModel data(RegisterMap map) {
    return new DataModel(bits(map, Table.COILS), bits(map, Table.DISCRETE_INPUTS),
        registers(map, Table.HOLDING_REGISTERS), registers(map, Table.INPUT_REGISTERS));
  }

  private static BitTable bits(RegisterMap map, Table table) {
    BitTable.Builder b = BitTable.sparse();
    for (BlockSpec block : map.blocks(table)) {
      b.block(block.start(), block.count(), block.access().rule());
    }
    for (PointSpec p : map.points()) {
      if (p.table() == table) {
        b.access(p.address(), p.type().width(), p.access().rule());
      }
    }
    return b.build();
  }

  private static RegisterTable registers(RegisterMap map, Table table) {
    RegisterTable.Builder b = RegisterTable.sparse();
    for (BlockSpec block : map.blocks(table)) {
      b.block(block.start(), block.count(), block.access().rule());
    }
    for (PointSpec p : map.points()) {
      if (p.table() == table) {
        b.access(p.address(), p.type().width(), p.access().rule());
        if (map.wholeValues() && p.type().width() > 1) {
          b.wholeValue(p.address(), p.type().width());
        }
      }
    }
    return b.build();
  }

  private static RegisterDevice device(DataModel data, Identification id) {
    RegisterDevice.Builder b = RegisterDevice.builder(data);
    if (id != null) {
      DeviceIdentification.Builder ident = DeviceIdentification.builder();
      id.objects().forEach(ident::object);
      b.identification(ident.build()).serverId(id.serverId(), id.additionalData());
    }
    RegisterDevice device = b.build();
    if (id != null) {
      device.setRunning(id.running());
    }
    return device;
  }

  private static void writeInitial(Point p) {
    switch (p.spec().initial()) {
      case PointValue.Text t -> p.write(t);
      case PointValue.Number n -> p.writeClamped(n.value());
    }
  }

  /** {@return the profile it was built from} */
  public DeviceProfile profile() {
    return profile;
  }

  /** {@return the seed of its moving values} */
  public long seed() {
    return seed;
  }

  /** {@return the units, by id, ascending as in the profile} */
  public Map<Integer, SimulatedUnit> units() {
    return units;
  }

  /**
   * {@return the unit {@code id}, if served}
   *
   * @param id the unit id
   */
  public Optional<SimulatedUnit> unit(int id) {
    return Optional.ofNullable(units.get(id));
  }

  /** {@return the point tables by map name} */
  public Map<String, PointTable> maps() {
    return maps;
  }

  /**
   * {@return the point {@code name} of unit {@code unit}, if both exist}
   *
   * @param unit the unit id
   * @param name the point's name
   */
  public Optional<Point> point(int unit, String name) {
    return unit(unit).flatMap(u -> u.points().point(name));
  }

  /** {@return the engine that moves the points} */
  public ValueEngine engine() {
    return engine;
  }

  /** {@return the value of every address of every map} */
  public Snapshot snapshot() {
    Map<String, Map<String, int[]>> out = new LinkedHashMap<>();
    maps.forEach((name, table) -> {
      Map<String, int[]> blocks = new LinkedHashMap<>();
      DataModel d = table.data();
      bitsOf(blocks, Table.COILS, d.coils());
      bitsOf(blocks, Table.DISCRETE_INPUTS, d.discreteInputs());
      registersOf(blocks, Table.HOLDING_REGISTERS, d.holdingRegisters());
      registersOf(blocks, Table.INPUT_REGISTERS, d.inputRegisters());
      out.put(name, blocks);
    });
    return new Snapshot(out);
  }

  private static void bitsOf(Map<String, int[]> out, Table table, BitTable bits) {
    for (AddressBlock b : bits.blocks()) {
      boolean[] v = bits.getBits(b.start(), b.count());
      int[] values = new int[v.length];
      for (int i = 0; i < v.length; i++) {
        values[i] = v[i] ? 1 : 0;
      }
      out.put(table.profileName() + "@" + b.start(), values);
    }
  }

  private static void registersOf(Map<String, int[]> out, Table table, RegisterTable registers) {
    for (AddressBlock b : registers.blocks()) {
      out.put(table.profileName() + "@" + b.start(), registers.getRange(b.start(), b.count()));
    }
  }

  /**
   * Writes a snapshot back, block by block (the values go on moving afterwards).
   *
   * @param snapshot a snapshot of this model
   * @throws IllegalArgumentException when it names a map or block this model does not have (what came before it
   *     in the snapshot is written)
   */
  public void restore(Snapshot snapshot) {
    snapshot.maps().forEach((name, blocks) -> {
      PointTable table = maps.get(name);
      if (table == null) {
        throw new IllegalArgumentException("snapshot of unknown map " + name);
      }
      blocks.forEach((key, values) -> {
        int at = key.lastIndexOf('@');
        String tableName = key.substring(0, Math.max(0, at));
        int start = Integer.parseInt(key.substring(at + 1));
        DataModel d = table.data();
        switch (tableName) {
          case "coils" -> d.coils().setBits(start, toBits(values));
          case "discrete-inputs" -> d.discreteInputs().setBits(start, toBits(values));
          case "holding-registers" -> d.holdingRegisters().setRange(start, values);
          case "input-registers" -> d.inputRegisters().setRange(start, values);
          default -> throw new IllegalArgumentException("snapshot of unknown table " + key);
        }
      });
    });
  }

  private static boolean[] toBits(int[] values) {
    boolean[] bits = new boolean[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = values[i] != 0;
    }
    return bits;
  }

  /** Back to the profile: every address 0, every point its initial value, then tick 0 of every moving value. */
  public void reset() {
    for (PointTable table : maps.values()) {
      DataModel d = table.data();
      for (AddressBlock b : d.coils().blocks()) {
        d.coils().setBits(b.start(), new boolean[b.count()]);
      }
      for (AddressBlock b : d.discreteInputs().blocks()) {
        d.discreteInputs().setBits(b.start(), new boolean[b.count()]);
      }
      for (AddressBlock b : d.holdingRegisters().blocks()) {
        d.holdingRegisters().setRange(b.start(), new int[b.count()]);
      }
      for (AddressBlock b : d.inputRegisters().blocks()) {
        d.inputRegisters().setRange(b.start(), new int[b.count()]);
      }
      table.points().forEach(DeviceModel::writeInitial);
    }
    engine.reset();
    engine.advanceTo(0);
  }

  /** Stops the engine's thread. */
  @Override
  public void close() {
    engine.close();
  }
}
