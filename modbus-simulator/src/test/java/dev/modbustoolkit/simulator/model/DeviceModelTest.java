package dev.modbustoolkit.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modbustoolkit.registers.AccessStatus;
import dev.modbustoolkit.registers.ChangeOrigin;
import dev.modbustoolkit.registers.RegisterTable;
import dev.modbustoolkit.simulator.profile.DeviceProfile;
import dev.modbustoolkit.simulator.profile.PointValue;
import dev.modbustoolkit.simulator.profile.ProfileLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The example profiles as running models, driven by an injected time: no clock, no sleeps. */
class DeviceModelTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private static DeviceProfile example(String name) throws Exception {
    return ProfileLoader.load(Path.of("examples", name));
  }

  private static PointValue value(DeviceModel m, String point) {
    return m.point(1, point).orElseThrow().read();
  }

  private static double number(DeviceModel m, String point) {
    return m.point(1, point).orElseThrow().readNumber();
  }

  @Test
  void aSetpointWrittenByAClientDrivesTheLevelThroughAFirstOrderLag() throws Exception {
    try (DeviceModel tank = DeviceModel.of(example("tank.yaml"), 11)) {
      assertThat(number(tank, "level")).isCloseTo(0.5, within(1e-6));
      assertThat(number(tank, "level-setpoint")).isEqualTo(2.0);
      // A client writes 4.0 m with FC 16 (float32 ABCD at holding registers 0-1): the wire API, whole.
      RegisterTable holding = tank.unit(1).orElseThrow().data().holdingRegisters();
      int bits = Float.floatToIntBits(4.0f);
      assertThat(holding.writeRegisters(0, new short[] {(short) (bits >>> 16), (short) bits}, ChangeOrigin.WIRE))
          .isEqualTo(AccessStatus.OK);
      assertThat(number(tank, "level-setpoint")).isEqualTo(4.0);
      double expected = 0.5;
      double alpha = 1 - Math.exp(-0.2 / 20);   // tick 200 ms, time constant 20 s
      for (int tick = 1; tick <= 100; tick++) {    // 20 s = one time constant
        tank.engine().advanceTo(tick * SECOND / 5);
        expected += alpha * (4.0 - expected);
        assertThat(number(tank, "level")).as("tick %d", tick).isCloseTo(expected, within(1e-5));
      }
      assertThat(number(tank, "level")).isCloseTo(4.0 - 3.5 * Math.exp(-1), within(1e-4));
      // The level is an input register: a client cannot write it.
      assertThat(tank.unit(1).orElseThrow().data().inputRegisters().checkWrite(0, 2))
          .isEqualTo(AccessStatus.ILLEGAL_ADDRESS);
    }
  }

  @Test
  void csvPlaybackAndToggleFollowTheirTicks() throws Exception {
    try (DeviceModel tank = DeviceModel.of(example("tank.yaml"), 11)) {
      assertThat(number(tank, "inflow")).isCloseTo(12.0, within(1e-9));
      tank.engine().advanceTo(3 * SECOND);
      assertThat(number(tank, "inflow")).isCloseTo(13.9, within(1e-9));
      tank.engine().advanceTo(12 * SECOND);    // 10 rows: row 2 again
      assertThat(number(tank, "inflow")).isCloseTo(13.1, within(1e-9));
      tank.engine().advanceTo(12 * SECOND + SECOND / 2);   // heartbeat: on for the first half of each second
      assertThat(number(tank, "heartbeat")).isZero();
      tank.engine().advanceTo(13 * SECOND);
      assertThat(number(tank, "heartbeat")).isEqualTo(1);
    }
  }

  @Test
  void theSameSeedGivesTheSameDeviceTickForTick() throws Exception {
    DeviceProfile meter = example("energy-meter.yaml");
    try (DeviceModel a = DeviceModel.of(meter, 7); DeviceModel b = DeviceModel.of(meter, 7);
        DeviceModel c = DeviceModel.of(meter, 8)) {
      boolean differs = false;
      for (int step = 1; step <= 50; step++) {
        long at = step * 700_000_000L;
        a.engine().advanceTo(at);
        b.engine().advanceTo(at);
        c.engine().advanceTo(at);
        assertThat(flat(a.snapshot())).as("step %d", step).isEqualTo(flat(b.snapshot()));
        differs |= !flat(a.snapshot()).equals(flat(c.snapshot()));
      }
      assertThat(differs).as("another seed, other random values").isTrue();
      // random walk moved, in bounds
      assertThat(number(a, "current-l1")).isBetween(0.0, 100.0).isNotEqualTo(12.0);
    }
  }

  private static String flat(Snapshot s) {
    StringBuilder out = new StringBuilder();
    s.maps().forEach((map, blocks) -> blocks.forEach((k, v) -> out.append(map).append(k).append(Arrays.toString(v))));
    return out.toString();
  }

  @Test
  void pointsAreFoundByNameAndTyped() throws Exception {
    try (DeviceModel meter = DeviceModel.of(example("energy-meter.yaml"), 7)) {
      assertThat(value(meter, "serial-number")).isEqualTo(PointValue.of("EM3-2026-000042"));
      assertThat(value(meter, "energy-import")).isEqualTo(PointValue.of(1234.5));
      assertThat(value(meter, "status")).isEqualTo(PointValue.of(1));
      assertThat(meter.unit(1).orElseThrow().points().names()).startsWith("voltage-l1", "frequency");
      assertThat(meter.point(1, "nothing")).isEmpty();
      assertThat(meter.point(2, "voltage-l1")).isEmpty();
      Point ct = meter.point(1, "ct-ratio").orElseThrow();
      ct.write(PointValue.of(200));
      assertThat(meter.unit(1).orElseThrow().data().holdingRegisters().get(256)).isEqualTo(200);
      // the counter at tick 10: 1234.5 + 10 * 0.01 kWh, in 0.01 kWh steps
      meter.engine().advanceTo(10 * SECOND);
      assertThat(number(meter, "energy-import")).isCloseTo(1234.6, within(1e-9));
      assertThat(number(meter, "energy-wh")).isEqualTo(1234600);
      assertThat(meter.engine().tickOf(meter.point(1, "voltage-l1").orElseThrow())).isEqualTo(20);
    }
  }

  @Test
  void addressesOutsideTheBlocksAndRefusedAccessAnswerIllegalAddress() throws Exception {
    try (DeviceModel meter = DeviceModel.of(example("energy-meter.yaml"), 7)) {
      var data = meter.unit(1).orElseThrow().data();
      short[] dst = new short[8];
      assertThat(data.holdingRegisters().readRegisters(0, 8, dst, 0)).isEqualTo(AccessStatus.OK);
      assertThat(data.holdingRegisters().readRegisters(63, 2, dst, 0)).as("past the block")
          .isEqualTo(AccessStatus.ILLEGAL_ADDRESS);
      assertThat(data.holdingRegisters().readRegisters(100, 1, dst, 0)).isEqualTo(AccessStatus.ILLEGAL_ADDRESS);
      assertThat(data.holdingRegisters().writeRegister(0, 1, ChangeOrigin.WIRE)).as("read-only block")
          .isEqualTo(AccessStatus.ILLEGAL_ADDRESS);
      assertThat(data.holdingRegisters().writeRegister(256, 1, ChangeOrigin.WIRE)).isEqualTo(AccessStatus.OK);
      assertThat(data.holdingRegisters().readRegisters(258, 1, dst, 0)).as("write-only point")
          .isEqualTo(AccessStatus.ILLEGAL_ADDRESS);
      assertThat(data.holdingRegisters().writeRegister(258, 1234, ChangeOrigin.WIRE)).isEqualTo(AccessStatus.OK);
      assertThat(data.inputRegisters().size()).as("a table the profile does not name has no addresses").isZero();
      // current-l1 is a float32 at 2-3: a client reads and writes it whole or not at all
      assertThat(data.holdingRegisters().readRegisters(2, 2, dst, 0)).isEqualTo(AccessStatus.OK);
      assertThat(data.holdingRegisters().readRegisters(3, 1, dst, 0)).isEqualTo(AccessStatus.ILLEGAL_ADDRESS);
      assertThat(data.holdingRegisters().readRegisters(1, 2, dst, 0)).isEqualTo(AccessStatus.ILLEGAL_ADDRESS);
      assertThat(data.coils().checkRead(0, 8)).isEqualTo(AccessStatus.OK);
      assertThat(data.coils().checkRead(8, 1)).isEqualTo(AccessStatus.ILLEGAL_ADDRESS);
    }
  }

  @Test
  void wholeValuesCanBeTurnedOff() {
    String text = "units: [{id: 1, %s points: [{name: f, table: holding-registers, address: 0, type: float32}]}]";
    try (DeviceModel strict = DeviceModel.of(ProfileLoader.parse(text.formatted(""), ProfileLoader.Syntax.YAML,
        Path.of(".")), 1);
        DeviceModel loose = DeviceModel.of(ProfileLoader.parse(text.formatted("wholeValues: false,"),
            ProfileLoader.Syntax.YAML, Path.of(".")), 1)) {
      assertThat(strict.unit(1).orElseThrow().data().holdingRegisters().writeRegister(1, 5, ChangeOrigin.WIRE))
          .isEqualTo(AccessStatus.ILLEGAL_ADDRESS);
      assertThat(loose.unit(1).orElseThrow().data().holdingRegisters().writeRegister(1, 5, ChangeOrigin.WIRE))
          .isEqualTo(AccessStatus.OK);
    }
  }

  @Test
  void identificationComesFromTheProfile() throws Exception {
    try (DeviceModel meter = DeviceModel.of(example("energy-meter.yaml"), 7)) {
      var device = meter.unit(1).orElseThrow().device();
      assertThat(new String(device.identification().object(4).orElseThrow().value(), StandardCharsets.ISO_8859_1))
          .isEqualTo("Three-phase energy meter (simulated)");
      assertThat(device.identification().object(0x80)).isPresent();
      assertThat(device.isRunning()).isTrue();
    }
  }

  @Test
  void unitsNamingOneMapShareItsValues() throws Exception {
    try (DeviceModel station = DeviceModel.of(example("pumping-station.yaml"), 3)) {
      Point one = station.point(1, "speed-setpoint").orElseThrow();
      one.write(PointValue.of(900));
      assertThat(station.point(2, "speed-setpoint").orElseThrow().read()).isEqualTo(PointValue.of(900));
      assertThat(station.unit(1).orElseThrow().data()).isSameAs(station.unit(2).orElseThrow().data());
      assertThat(station.unit(3).orElseThrow().data()).isNotSameAs(station.unit(1).orElseThrow().data());
      assertThat(station.unit(3).orElseThrow().data().holdingRegisters().size()).isEqualTo(100);
      station.engine().advanceTo(30 * SECOND);   // 10 time constants
      assertThat(station.point(2, "speed").orElseThrow().readNumber()).isCloseTo(900, within(1.0));
    }
  }

  @Test
  void snapshotRestoreAndReset() throws Exception {
    try (DeviceModel tank = DeviceModel.of(example("tank.yaml"), 11)) {
      Snapshot start = tank.snapshot();
      tank.point(1, "level-setpoint").orElseThrow().write(PointValue.of(3.0));
      tank.point(1, "pump-running").orElseThrow().write(PointValue.of(0));
      tank.engine().advanceTo(10 * SECOND);
      Snapshot later = tank.snapshot();
      double level = number(tank, "level");
      tank.restore(start);
      assertThat(number(tank, "level-setpoint")).isEqualTo(2.0);
      assertThat(number(tank, "level")).isCloseTo(0.5, within(1e-6));
      tank.restore(later);
      assertThat(number(tank, "level")).isEqualTo(level);
      tank.reset();
      assertThat(flat(tank.snapshot())).isEqualTo(flat(start));
      assertThat(tank.engine().tickOf(tank.point(1, "level").orElseThrow())).isZero();
      assertThatThrownBy(() -> tank.restore(new Snapshot(java.util.Map.of("nope", java.util.Map.of()))))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }
  }

  /**
   * No torn values: while the engine-side API writes a 32-bit and a 64-bit point, FC 03-style reads (the wire API)
   * of their registers always see one whole value. The values are chosen so that every register of a value
   * repeats its 16-bit counter, so a mix of two writes shows as registers that differ.
   */
  @Test
  @Timeout(60)
  void aConcurrentReaderNeverSeesHalfAnUpdate() throws Exception {
    DeviceProfile profile = ProfileLoader.parse("""
        units:
          - id: 1
            wordOrder: cdab
            tables: {holding-registers: [{start: 0, count: 8}]}
            points:
              - {name: i32, table: holding-registers, address: 0, type: int32}
              - {name: i64, table: holding-registers, address: 2, type: int64}
        """, ProfileLoader.Syntax.YAML, Path.of("."));
    try (DeviceModel m = DeviceModel.of(profile, 1)) {
      Point i32 = m.point(1, "i32").orElseThrow();
      Point i64 = m.point(1, "i64").orElseThrow();
      RegisterTable holding = m.unit(1).orElseThrow().data().holdingRegisters();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<String> torn = new AtomicReference<>();
      AtomicLong reads = new AtomicLong();
      Thread reader = Thread.ofPlatform().start(() -> {
        short[] r = new short[6];
        while (!stop.get() && torn.get() == null) {
          holding.readRegisters(0, 6, r, 0);
          reads.incrementAndGet();
          if (r[0] != r[1] || r[2] != r[4] || r[3] != r[5]) {
            torn.set(Arrays.toString(r));
          }
        }
      });
      for (int k = 1; k < 200_000 && torn.get() == null; k++) {
        int c = k & 0x7FFF;
        i32.writeClamped(c * 0x10001);                 // both registers c
        i64.writeClamped(c * 0x1_0000_0001L);           // registers 0, c, 0, c (whatever the order)
      }
      stop.set(true);
      reader.join();
      assertThat(torn.get()).as("a torn read").isNull();
      assertThat(reads.get()).isPositive();
    }
  }
}
