package dev.modbustoolkit.server.rtu.internal;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.serial.RtuTiming;
import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.serial.SerialMode;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.core.SerialRequestContext;
import dev.modbustoolkit.transport.DecodeLog;
import java.time.Duration;

/**
 * An in-memory serial line on fake time: two register devices (units 1 and 2) behind a real dispatcher, an
 * engine, and a master that puts frames on the line byte after byte at 19200 8E1.
 */
final class LineHarness {
  static final long START = 10_000_000_000L;

  final RtuTiming timing;
  final FakeClock clock = new FakeClock(START);
  final RecordingOutput output = new RecordingOutput(clock);
  final RegisterDevice unit1 = RegisterDevice.of(DataModel.dense());
  final RegisterDevice unit2 = RegisterDevice.of(DataModel.dense());
  final ModbusDispatcher dispatcher;
  final StatisticsCounters stats = new StatisticsCounters();
  final FaultPipeline faults;
  final SerialEngine engine;

  LineHarness() {
    this(SerialMode.RTU, FaultPipeline.empty());
  }

  LineHarness(SerialMode mode, FaultPipeline faults) {
    this(faults, EngineSettings.serialLine(mode, timing(mode), 1));
  }

  /** A harness with explicit settings. */
  LineHarness(FaultPipeline faults, EngineSettings settings) {
    this(faults, settings, null);
  }

  /** A harness over {@code dispatcher} instead of units 1 and 2 (null: those). */
  LineHarness(FaultPipeline faults, EngineSettings settings, ModbusDispatcher dispatcher) {
    this(faults, settings, dispatcher, DecodeLog.off());
  }

  /** A harness whose engine logs its traffic to {@code decode}. */
  LineHarness(FaultPipeline faults, EngineSettings settings, ModbusDispatcher dispatcher, DecodeLog decode) {
    this.dispatcher =
        dispatcher != null ? dispatcher : ModbusDispatcher.builder().unit(1, unit1).unit(2, unit2).build();
    this.faults = faults;
    this.timing = timing(settings.mode());
    this.engine =
        new SerialEngine(this.dispatcher, new SerialRequestContext("test-line", true), settings, faults, output,
            clock, stats, decode);
  }

  private static RtuTiming timing(SerialMode mode) {
    SerialLineSettings line = mode == SerialMode.RTU ? SerialLineSettings.RTU_DEFAULT : SerialLineSettings.ASCII_DEFAULT;
    return RtuTiming.of(line, Duration.ZERO);
  }

  /** The master sends bytes now, back to back; the driver delivers them in one chunk when the last arrives. */
  void send(byte[] bytes) throws Exception {
    clock.advance(bytes.length * timing.characterNanos());
    engine.receive(bytes, 0, bytes.length, clock.nanoTime());
  }

  /** The line stays quiet long enough to end any frame. */
  void quiet() throws Exception {
    clock.advance(timing.interFrameLimitNanos() + 1);
    engine.idle(clock.nanoTime());
  }

  /** Silence of a given length. */
  void pause(long nanos) {
    clock.advance(nanos);
  }
}
