package dev.modbustoolkit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.serial.Parity;
import dev.modbustoolkit.serial.RtuTiming;
import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.serial.SerialMode;
import dev.modbustoolkit.serial.StopBits;
import dev.modbustoolkit.transport.stream.ConnectionLimitPolicy;
import dev.modbustoolkit.server.tcp.IoMode;
import dev.modbustoolkit.transport.DecodeLevel;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorOptionsTest {
  @TempDir Path dir;

  private static AbstractThrowableAssert<?, ? extends Throwable> rejects(String... args) {
    return assertThatThrownBy(() -> SimulatorOptions.parse(args)).isInstanceOf(UsageException.class);
  }

  private Path file(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void defaultsAreModbusTcpOnLoopbackPort5020Unit1WithoutSerialOrFaults() throws Exception {
    SimulatorOptions o = SimulatorOptions.parse();
    assertThat(o.bindAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
    assertThat(o.tcpEnabled()).isTrue();
    assertThat(o.port()).isEqualTo(5020);
    assertThat(o.units()).containsExactly(1);
    assertThat(o.maxConnections()).isEqualTo(10_000);
    assertThat(o.limitPolicy()).isEqualTo(ConnectionLimitPolicy.REFUSE);
    assertThat(o.serial().enabled()).isFalse();
    assertThat(o.serial().device()).isNull();
    assertThat(o.serial().overTcpPort()).isNull();
    assertThat(o.faults()).isNull();
    assertThat(o.fill()).isEqualTo(DataFill.ZERO);
    assertThat(o.help()).isFalse();
  }

  @Test
  void fillTakesZeroOrPatternInEitherSpellingAndAnyCase() throws Exception {
    assertThat(SimulatorOptions.parse("--fill", "pattern").fill()).isEqualTo(DataFill.PATTERN);
    assertThat(SimulatorOptions.parse("--fill=zero").fill()).isEqualTo(DataFill.ZERO);
    assertThat(SimulatorOptions.parse("--fill", "Pattern", "--unit", "2").fill()).isEqualTo(DataFill.PATTERN);
    assertThat(SimulatorOptions.parse("--no-tcp", "--rtu-over-tcp", "0", "--fill", "pattern").fill())
        .as("a device setting, not a Modbus TCP one").isEqualTo(DataFill.PATTERN);
  }

  @Test
  void rejectsABadFillNamingTheValue() {
    rejects("--fill", "random").hasMessage("option --fill: 'random' is not one of zero, pattern");
    rejects("--fill=").hasMessageContaining("option --fill: '' is not one of zero, pattern");
    rejects("--fill").hasMessageContaining("option --fill needs a value");
    rejects("--fill", "zero", "--fill", "pattern").hasMessageContaining("--fill given more than once");
  }

  @Test
  void theConstructorWithoutAFillKeepsTheDataAtZero() {
    SimulatorOptions d = SimulatorOptions.defaults();
    SimulatorOptions o = new SimulatorOptions(d.bindAddress(), true, 0, d.units(), d.maxConnections(),
        d.limitPolicy(), d.idleTimeout(), d.requestTimeout(), d.shutdownGrace(), d.serial(), null, false);
    assertThat(o.fill()).isEqualTo(DataFill.ZERO);
    assertThatThrownBy(() -> new SimulatorOptions(d.bindAddress(), true, 0, d.units(), null, d.maxConnections(),
        d.limitPolicy(), d.idleTimeout(), d.requestTimeout(), d.ioMode(), d.shutdownGrace(), d.serial(), null,
        DecodeLevel.NOTHING, null, false))
        .isInstanceOf(NullPointerException.class).hasMessage("fill");
  }

  @Test
  void ioModeDefaultsToTheEventLoopAndTakesThreads() throws Exception {
    assertThat(SimulatorOptions.parse().ioMode()).isEqualTo(IoMode.EVENT_LOOP);
    assertThat(SimulatorOptions.parse("--io", "threads").ioMode()).isEqualTo(IoMode.THREAD_PER_CONNECTION);
    assertThat(SimulatorOptions.parse("--io=Event-Loop").ioMode()).isEqualTo(IoMode.EVENT_LOOP);
    rejects("--io", "nio").hasMessageContaining("option --io: 'nio' is not one of event-loop, threads");
    rejects("--no-tcp", "--rtu", "/dev/a", "--io", "threads")
        .hasMessageContaining("option --io configures the Modbus TCP server, which --no-tcp turns off");
    assertThat(SimulatorOptions.usage()).contains("--io event-loop|threads");
  }

  @Test
  void parsesEveryTcpOptionInBothSpellings() throws Exception {
    SimulatorOptions o = SimulatorOptions.parse("--bind", "::1", "--port=1502", "--unit", "3", "--unit=1",
        "--max-connections", "5", "--connection-limit-policy", "evict-oldest-idle", "--idle-timeout", "0",
        "--request-timeout=250", "--shutdown-grace", "2");
    assertThat(o.bindAddress()).isEqualTo(InetAddress.getByName("::1"));
    assertThat(o.port()).isEqualTo(1502);
    assertThat(o.units()).containsExactly(1, 3);
    assertThat(o.maxConnections()).isEqualTo(5);
    assertThat(o.limitPolicy()).isEqualTo(ConnectionLimitPolicy.EVICT_OLDEST_IDLE);
    assertThat(o.idleTimeout()).isEqualTo(Duration.ZERO);
    assertThat(o.requestTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(o.shutdownGrace()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void rtuAloneTakesTheSpecDefaults19200With8E1AndKeepsTcp() throws Exception {
    SimulatorOptions o = SimulatorOptions.parse("--rtu", "/dev/ttyUSB0");
    assertThat(o.tcpEnabled()).isTrue();
    assertThat(o.serial().device()).isEqualTo("/dev/ttyUSB0");
    assertThat(o.serial().mode()).isEqualTo(SerialMode.RTU);
    assertThat(o.serial().lineSettings()).isEqualTo(SerialLineSettings.of(19_200, "8E1"));
    assertThat(o.serial().tolerance()).isEqualTo(RtuTiming.DEFAULT_TOLERANCE);
    assertThat(o.serial().overTcpPort()).isNull();
  }

  @Test
  void parsesEverySerialLineOption() throws Exception {
    SimulatorOptions o = SimulatorOptions.parse("--no-tcp", "--rtu=/tmp/ttyV0", "--baud", "115200",
        "--parity", "N", "--data-bits", "8", "--stop-bits=2", "--rtu-tolerance-ms", "20");
    assertThat(o.tcpEnabled()).isFalse();
    assertThat(o.serial().device()).isEqualTo("/tmp/ttyV0");
    assertThat(o.serial().lineSettings())
        .isEqualTo(new SerialLineSettings(115_200, 8, Parity.NONE, StopBits.TWO));
    assertThat(o.serial().tolerance()).isEqualTo(Duration.ofMillis(20));
    assertThat(SimulatorOptions.parse("--rtu", "COM3", "--parity", "o").serial().lineSettings().parity())
        .isEqualTo(Parity.ODD);
  }

  @Test
  void strictRtuSilencesAreAnRtuDeviceOption() throws Exception {
    assertThat(SimulatorOptions.parse("--rtu", "/dev/ttyS0").serial().strictSilences()).isFalse();
    assertThat(SimulatorOptions.parse("--rtu", "/dev/ttyS0", "--rtu-strict").serial().strictSilences()).isTrue();
    assertThat(SimulatorOptions.usage()).contains("--rtu-strict");
    rejects("--rtu-strict").hasMessage("option --rtu-strict sets up the serial device: add --rtu DEVICE");
    rejects("--rtu-over-tcp", "0", "--rtu-strict")
        .hasMessage("option --rtu-strict sets up the serial device: add --rtu DEVICE");
    rejects("--rtu", "/dev/a", "--ascii", "--rtu-strict")
        .hasMessage("option --rtu-strict is an RTU rule: it does not go with --ascii");
    rejects("--rtu", "/dev/a", "--rtu-strict=yes").hasMessageContaining("option --rtu-strict takes no value");
  }

  @Test
  void asciiDefaultsTo7DataBitsAndAlsoSwitchesRtuOverTcp() throws Exception {
    SimulatorOptions o = SimulatorOptions.parse("--rtu", "/dev/ttyS0", "--ascii", "--rtu-over-tcp", "1503");
    assertThat(o.serial().mode()).isEqualTo(SerialMode.ASCII);
    assertThat(o.serial().lineSettings()).isEqualTo(SerialLineSettings.of(19_200, "7E1"));
    assertThat(o.serial().overTcpPort()).isEqualTo(1503);
    assertThat(SimulatorOptions.parse("--rtu", "/dev/ttyS0", "--ascii", "--data-bits", "8").serial()
        .lineSettings().dataBits()).isEqualTo(8);
    assertThat(SimulatorOptions.parse("--rtu-over-tcp", "0", "--ascii").serial().mode())
        .isEqualTo(SerialMode.ASCII);
  }

  @Test
  void rtuOverTcpAloneNeedsNoSerialDevice() throws Exception {
    SimulatorOptions o = SimulatorOptions.parse("--no-tcp", "--rtu-over-tcp", "0", "--bind", "0.0.0.0");
    assertThat(o.tcpEnabled()).isFalse();
    assertThat(o.serial().device()).isNull();
    assertThat(o.serial().overTcpPort()).isZero();
    assertThat(o.serial().enabled()).isTrue();
    assertThat(o.bindAddress()).isEqualTo(InetAddress.getByName("0.0.0.0"));
  }

  @Test
  void udpAloneServesWithoutTcpAndBadPortsAreNamed() throws Exception {
    SimulatorOptions o = SimulatorOptions.parse("--no-tcp", "--udp", "0", "--bind", "::1");
    assertThat(o.tcpEnabled()).isFalse();
    assertThat(o.udpPort()).isZero();
    assertThat(SimulatorOptions.parse().udpPort()).isNull();
    rejects("--udp", "65536").hasMessageContaining("--udp");
    rejects("--udp", "x").hasMessageContaining("--udp");
    rejects("--no-tcp").hasMessageContaining("--udp PORT");
  }

  @Test
  void decodeTakesLayersAndNamesABadOne() throws Exception {
    assertThat(SimulatorOptions.parse().decodeLevel()).isEqualTo(DecodeLevel.NOTHING);
    assertThat(SimulatorOptions.parse("--decode", "pdu,raw").decodeLevel()).isEqualTo(new DecodeLevel(true, false, true));
    rejects("--decode", "pdu,bits").hasMessageContaining("--decode").hasMessageContaining("'bits'");
  }

  @Test
  void faultsReadsYamlAndSeedOverridesTheFilesSeed() throws Exception {
    Path yaml = file("f.yaml", "seed: 7\nfaults:\n  - id: d\n    action: {type: delay, base: 10ms}\n");
    FaultOptions fromFile = SimulatorOptions.parse("--faults", yaml.toString()).faults();
    assertThat(fromFile).isNotNull();
    assertThat(fromFile.file()).isEqualTo(yaml);
    assertThat(fromFile.content().faults()).singleElement().extracting(f -> f.id()).isEqualTo("d");
    assertThat(fromFile.seed()).isEqualTo(7);
    assertThat(fromFile.seedSource()).isEqualTo(FaultOptions.SeedSource.FILE);

    FaultOptions overridden = SimulatorOptions.parse("--faults", yaml.toString(), "--seed", "-12").faults();
    assertThat(overridden).isNotNull();
    assertThat(overridden.seed()).isEqualTo(-12);
    assertThat(overridden.seedSource()).isEqualTo(FaultOptions.SeedSource.OPTION);
    assertThat(overridden.newPipeline().seed()).isEqualTo(-12);
  }

  @Test
  void withoutAnySeedOneIsDrawnAndReported() throws Exception {
    Path yaml = file("f.yml", "faults: []\n");
    FaultOptions o = SimulatorOptions.parse("--faults", yaml.toString()).faults();
    assertThat(o).isNotNull();
    assertThat(o.seedSource()).isEqualTo(FaultOptions.SeedSource.RANDOM);
    assertThat(o.newPipeline().seed()).isEqualTo(o.seed());
    assertThat(o.content().faults()).isEmpty();
  }

  @Test
  void faultFilesAreJsonByExtensionOrByContent() throws Exception {
    String json = "{\"faults\": [{\"id\": \"x\", \"action\": {\"type\": \"no-response\"}}]}";
    for (Path p : new Path[] {file("f.json", json), file("faults.conf", "  " + json)}) {
      FaultOptions o = SimulatorOptions.parse("--faults", p.toString()).faults();
      assertThat(o).isNotNull();
      assertThat(o.content().faults()).singleElement().extracting(f -> f.id()).isEqualTo("x");
    }
    // JSON rules for a .json name: a comment is an error there, while YAML would accept it.
    Path commented = file("c.json", "# comment\n" + json);
    rejects("--faults", commented.toString()).hasMessageContaining("not valid JSON");
  }

  /** The example shipped with the simulator: one fault of each family and each kind of trigger. */
  @Test
  void theExampleFaultFileLoadsAndHasEveryFamilyAndTrigger() throws Exception {
    SimulatorOptions o = SimulatorOptions.parse("--faults", "examples/faults.yaml", "--rtu-over-tcp", "0");
    FaultOptions faults = o.faults();
    assertThat(faults).isNotNull();
    assertThat(faults.seedSource()).isEqualTo(FaultOptions.SeedSource.FILE);
    var specs = faults.content().faults();
    assertThat(specs).extracting(f -> f.action().getClass().getSimpleName()).contains(
        // response actions
        "Delay", "NoResponse", "RespondWithException", "WrongTransactionId", "Truncate", "SplitResponse",
        "RawResponse",
        // RTU actions
        "CorruptCrc", "InterCharacterGap",
        // connection actions
        "CloseConnection", "DropMidFrame", "HoldOpen");
    assertThat(specs).anySatisfy(f -> {
      assertThat(f.action()).isInstanceOfSatisfying(dev.modbustoolkit.fault.ActionSpec.CloseConnection.class,
          c -> {
            assertThat(c.mode()).isEqualTo(dev.modbustoolkit.fault.CloseMode.RST);
            assertThat(c.afterRequests()).isGreaterThan(1);
          });
    });
    var triggers = specs.stream().map(f -> f.trigger()).toList();
    assertThat(triggers).anySatisfy(t -> assertThat(t.unitIds()).isNotEmpty());
    assertThat(triggers).anySatisfy(t -> assertThat(t.functionCodes()).isNotEmpty());
    assertThat(triggers).anySatisfy(t -> assertThat(t.addresses()).isNotNull());
    assertThat(triggers).anySatisfy(t -> assertThat(t.probability()).isBetween(0.0, 0.99));
    assertThat(triggers).anySatisfy(t -> assertThat(t.everyNth()).isGreaterThan(1));
    assertThat(triggers).anySatisfy(t -> assertThat(t.maxActivations()).isLessThan(Long.MAX_VALUE));
    assertThat(triggers).anySatisfy(t -> assertThat(t.startAfter()).isNotNull());
    assertThat(triggers).anySatisfy(t -> assertThat(t.activeFor()).isNotNull());
    // and the simulator builds its one pipeline from it for every server
    try (Simulator simulator = new Simulator(o)) {
      assertThat(simulator.faults().faults()).hasSameSizeAs(specs);
      assertThat(simulator.faults().seed()).isEqualTo(42);
    }
  }

  @Test
  void helpWinsOverEverythingElse() throws Exception {
    assertThat(SimulatorOptions.parse("--port", "1", "--help").help()).isTrue();
    assertThat(SimulatorOptions.parse("-h").help()).isTrue();
    assertThat(SimulatorOptions.parse("--no-tcp", "--help").help()).isTrue();
  }

  @Test
  void theHelpTextDocumentsEveryOption() {
    String usage = SimulatorOptions.usage();
    for (String option : new String[] {"--bind", "--port", "--unit", "--max-connections",
        "--connection-limit-policy", "--idle-timeout", "--request-timeout", "--shutdown-grace", "--help",
        "--no-tcp", "--rtu DEVICE", "--baud", "--parity", "--data-bits", "--stop-bits", "--ascii",
        "--rtu-over-tcp PORT", "--rtu-tolerance-ms", "--faults FILE", "--seed", "--fill zero|pattern",
        "--udp PORT", "--decode LAYERS", "--log-level LEVEL"}) {
      assertThat(usage).contains(option);
    }
  }

  @Test
  void rejectsBadTcpInputWithAMessageNamingTheOption() {
    rejects("--port", "70000").hasMessageContaining("--port").hasMessageContaining("0..65535");
    rejects("--port", "abc").hasMessageContaining("not a whole number");
    rejects("--port").hasMessageContaining("needs a value");
    rejects("--unit", "0").hasMessageContaining("1..247");
    rejects("--unit", "248").hasMessageContaining("1..247");
    rejects("--unit", "2", "--unit", "2").hasMessageContaining("more than once");
    rejects("--port", "1", "--port", "2").hasMessageContaining("more than once");
    rejects("--max-connections", "0").hasMessageContaining("--max-connections");
    rejects("--connection-limit-policy", "drop").hasMessageContaining("refuse, close-new, evict-oldest-idle");
    rejects("--bind", "").hasMessageContaining("--bind");
    rejects("--verbose").hasMessageContaining("unknown option --verbose");
    rejects("5020").hasMessageContaining("unexpected argument");
  }

  @Test
  void rejectsBadSerialInput() {
    rejects("--rtu").hasMessageContaining("option --rtu needs a value");
    rejects("--rtu", "--baud", "9600").hasMessageContaining("option --rtu needs a value");
    rejects("--rtu", " ").hasMessageContaining("option --rtu: the device path is empty");
    rejects("--rtu", "/dev/a", "--rtu", "/dev/b").hasMessageContaining("--rtu given more than once");
    rejects("--rtu", "/dev/a", "--baud", "49").hasMessageContaining("option --baud: 49 is out of range 50..4000000");
    rejects("--rtu", "/dev/a", "--baud", "fast").hasMessageContaining("option --baud: 'fast' is not a whole number");
    rejects("--rtu", "/dev/a", "--parity", "X").hasMessageContaining("option --parity: 'X' is not one of N, E, O");
    rejects("--rtu", "/dev/a", "--data-bits", "9").hasMessageContaining("option --data-bits: 9 is out of range 7..8");
    rejects("--rtu", "/dev/a", "--data-bits", "7")
        .hasMessageContaining("option --data-bits: RTU mode needs 8 data bits").hasMessageContaining("--ascii");
    rejects("--rtu", "/dev/a", "--stop-bits", "3").hasMessageContaining("option --stop-bits: 3 is out of range 1..2");
    rejects("--rtu", "/dev/a", "--rtu-tolerance-ms", "-1").hasMessageContaining("--rtu-tolerance-ms");
    rejects("--rtu", "/dev/a", "--rtu-tolerance-ms", "10001").hasMessageContaining("0..10000");
    rejects("--rtu", "/dev/a", "--ascii=yes").hasMessageContaining("option --ascii takes no value");
    rejects("--rtu", "/dev/a", "--ascii", "--ascii").hasMessageContaining("--ascii given more than once");
    rejects("--rtu-over-tcp", "65536").hasMessageContaining("option --rtu-over-tcp: 65536 is out of range 0..65535");
    rejects("--rtu-over-tcp", "x").hasMessageContaining("option --rtu-over-tcp: 'x' is not a whole number");
  }

  @Test
  void rejectsOptionsThatDoNotGoTogether() {
    for (String option : new String[] {"--baud", "--parity", "--data-bits", "--stop-bits", "--rtu-tolerance-ms"}) {
      String value = switch (option) {
        case "--parity" -> "N";
        case "--stop-bits" -> "1";
        default -> "8";
      };
      rejects(option, value).hasMessageContaining("option " + option + " sets up the serial device: add --rtu");
      rejects("--rtu-over-tcp", "0", option, value).hasMessageContaining("add --rtu DEVICE");
    }
    rejects("--ascii").hasMessageContaining("option --ascii needs a serial transport");
    rejects("--no-tcp").hasMessageContaining("--no-tcp leaves nothing to serve");
    rejects("--no-tcp", "--no-tcp").hasMessageContaining("--no-tcp given more than once");
    for (String option : new String[] {"--port", "--max-connections", "--idle-timeout", "--request-timeout"}) {
      rejects("--no-tcp", "--rtu", "/dev/a", option, "10")
          .hasMessageContaining("option " + option + " configures the Modbus TCP server, which --no-tcp turns off");
    }
    rejects("--no-tcp", "--rtu", "/dev/a", "--connection-limit-policy", "refuse")
        .hasMessageContaining("--connection-limit-policy configures the Modbus TCP server");
    rejects("--no-tcp", "--rtu", "/dev/a", "--bind", "0.0.0.0").hasMessageContaining("option --bind");
    rejects("--rtu-over-tcp", "5020").hasMessageContaining("port 5020 is already the Modbus TCP port");
    rejects("--port", "1502", "--rtu-over-tcp", "1502").hasMessageContaining("already the Modbus TCP port");
  }

  @Test
  void rejectsBadFaultOptionsNamingTheFileAndTheField() throws Exception {
    rejects("--seed", "1").hasMessageContaining(
        "option --seed seeds the fault pipeline and the profile's moving values: add --faults FILE or --profile FILE");
    Path ok = file("ok.yaml", "faults: []\n");
    rejects("--faults", ok.toString(), "--seed", "1.5").hasMessageContaining("option --seed: '1.5' is not a whole number");
    rejects("--faults", dir.resolve("missing.yaml").toString()).hasMessageContaining("missing.yaml does not exist");
    rejects("--faults", "").hasMessageContaining("option --faults");
    rejects("--faults", dir.toString()).hasMessageContaining("option --faults: cannot read");
    Path badField = file("bad.yaml",
        "faults:\n  - id: p\n    action: {type: delay, base: 5ms}\n    trigger: {probability: 2}\n");
    rejects("--faults", badField.toString())
        .hasMessageContaining("option --faults: " + badField + ": faults[0].trigger.probability")
        .hasMessageContaining("between 0 and 1");
    Path badType = file("type.yaml", "faults:\n  - id: t\n    action: {type: explode}\n");
    rejects("--faults", badType.toString())
        .hasMessageContaining("faults[0].action.type").hasMessageContaining("unknown action type 'explode'");
    Path typo = file("typo.yaml", "faults:\n  - id: t\n    action: {type: delay, bsae: 5ms}\n");
    rejects("--faults", typo.toString()).hasMessageContaining("faults[0].action");
    Path notYaml = file("broken.yaml", "faults: [\n");
    rejects("--faults", notYaml.toString()).hasMessageContaining("not valid YAML");
  }
}
