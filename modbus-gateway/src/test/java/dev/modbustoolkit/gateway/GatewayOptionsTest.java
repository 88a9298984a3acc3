package dev.modbustoolkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.server.core.UnknownUnitPolicy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line and the routes file: every bad input named, exit status 2. */
class GatewayOptionsTest {
  @TempDir Path dir;

  @Test
  void theCommonCaseParses() {
    GatewayOptions o = GatewayOptions.parse("--listen", "127.0.0.1:5020", "--rtu", "/dev/ttyUSB0", "--baud",
        "9600", "--parity", "n", "--timeout", "500ms", "--retries", "2", "--cache-ttl", "2s");
    assertThat(o.listenPort()).isEqualTo(5020);
    assertThat(o.downstreams()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo("rtu");
      assertThat(d.target()).isEqualTo("/dev/ttyUSB0");
      assertThat(d.baud()).isEqualTo(9600);
      assertThat(d.parity()).isEqualTo("N");
    });
    assertThat(o.timeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(o.retries()).isEqualTo(2);
    assertThat(o.cacheTtl()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void theFrameGapIsASerialSetting() {
    assertThat(GatewayOptions.parse("--rtu", "/dev/x", "--frame-gap", "1ms").frameGap())
        .isEqualTo(Duration.ofMillis(1));
    assertThat(GatewayOptions.parse("--rtu", "/dev/x").frameGap()).isNull();
    assertThatThrownBy(() -> GatewayOptions.parse("--to-tcp", "127.0.0.1:502", "--frame-gap", "1ms"))
        .hasMessageContaining("--frame-gap is a serial line setting");
  }

  @Test
  void aSerialUpstreamReplacesTheTcpListenerUnlessListenIsGiven() {
    GatewayOptions serialOnly = GatewayOptions.parse("--listen-rtu", "/dev/ttyS0", "--listen-baud", "9600",
        "--listen-parity", "n", "--listen-stop-bits", "2", "--to-tcp", "127.0.0.1:502");
    assertThat(serialOnly.tcpListener()).isFalse();
    assertThat(serialOnly.serialUpstream())
        .isEqualTo(new GatewayOptions.SerialUpstream("rtu", "/dev/ttyS0", 9600, "N", 2));
    assertThat(serialOnly.unrouted()).as("other devices share the line").isEqualTo(UnknownUnitPolicy.NO_RESPONSE);
    GatewayOptions both = GatewayOptions.parse("--listen-ascii", "/dev/ttyS0", "--listen", "127.0.0.1:5020",
        "--to-tcp", "127.0.0.1:502", "--unrouted", "0b");
    assertThat(both.tcpListener()).isTrue();
    assertThat(both.serialUpstream()).isEqualTo(new GatewayOptions.SerialUpstream("ascii", "/dev/ttyS0", 19200, "E",
        1));
    assertThat(both.unrouted()).isEqualTo(UnknownUnitPolicy.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND);
    GatewayOptions tcp = GatewayOptions.parse("--to-tcp", "127.0.0.1:502");
    assertThat(tcp.tcpListener()).isTrue();
    assertThat(tcp.serialUpstream()).isNull();
    assertThat(tcp.unrouted()).isEqualTo(UnknownUnitPolicy.GATEWAY_PATH_UNAVAILABLE);
  }

  @Test
  void theDefaultsAreTheReadmes() {
    GatewayOptions o = GatewayOptions.parse("--to-tcp", "127.0.0.1:502");
    assertThat(o.listenHost()).isEqualTo("127.0.0.1");
    assertThat(o.listenPort()).isEqualTo(5020);
    assertThat(o.listenFraming()).isEqualTo("mbap");
    assertThat(o.udpPort()).isEqualTo(-1);
    assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(o.retries()).isZero();
    assertThat(o.queueLimit()).isEqualTo(64);
    assertThat(o.cacheTtl()).isEqualTo(Duration.ZERO);
    assertThat(o.quarantineAfter()).isEqualTo(3);
    assertThat(o.quarantineFor()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.passThrough()).isFalse();
    assertThat(o.faultsFile()).isNull();
    assertThat(o.routesFile()).isNull();
    assertThat(o.decode()).isEqualTo(dev.modbustoolkit.transport.DecodeLevel.NOTHING);
    assertThat(o.downstreams()).containsExactly(
        new GatewayOptions.DownstreamSpec("default", "tcp", "127.0.0.1:502", 19200, "E", 1));
  }

  @Test
  void everyOptionReachesItsFieldInEitherForm() {
    GatewayOptions o = GatewayOptions.parse("--listen=[::1]:0", "--listen-framing", "rtu", "--udp=5021",
        "--to-rtu-over-tcp=127.0.0.1:5022", "--queue", "1", "--quarantine-after=0", "--quarantine-for", "250ms",
        "--pass-through", "--faults", "faults.yaml", "--decode=pdu,frame", "--retries=100", "--unrouted", "NONE");
    assertThat(o.listenHost()).isEqualTo("::1");
    assertThat(o.listenPort()).as("port 0: any free port").isZero();
    assertThat(o.listenFraming()).isEqualTo("rtu");
    assertThat(o.udpPort()).isEqualTo(5021);
    assertThat(o.downstreams()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo("rtu-over-tcp");
      assertThat(d.target()).isEqualTo("127.0.0.1:5022");
    });
    assertThat(o.queueLimit()).isEqualTo(1);
    assertThat(o.quarantineAfter()).isZero();
    assertThat(o.quarantineFor()).isEqualTo(Duration.ofMillis(250));
    assertThat(o.passThrough()).isTrue();
    assertThat(o.faultsFile()).isEqualTo(Path.of("faults.yaml"));
    assertThat(o.decode()).isEqualTo(dev.modbustoolkit.transport.DecodeLevel.parse("pdu,frame"));
    assertThat(o.retries()).isEqualTo(100);
    assertThat(o.unrouted()).isEqualTo(UnknownUnitPolicy.NO_RESPONSE);
    assertThat(GatewayOptions.parse("--to-ascii-over-tcp", "localhost:1", "--unrouted", "0x0A").downstreams())
        .singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo("ascii-over-tcp"));
    assertThat(GatewayOptions.parse("--ascii", "/dev/ttyS1", "--stop-bits", "2", "--baud", "50").downstreams())
        .containsExactly(new GatewayOptions.DownstreamSpec("default", "ascii", "/dev/ttyS1", 50, "E", 2));
  }

  @Test
  void aBlankSerialDeviceIsNamed() {
    assertThatThrownBy(() -> GatewayOptions.parse("--rtu", " ")).hasMessage("--rtu needs a serial device path");
    assertThatThrownBy(() -> GatewayOptions.parse("--listen-rtu", "", "--to-tcp", "127.0.0.1:502"))
        .hasMessage("--listen-rtu needs a serial device path");
  }

  @Test
  void aBareNumberIsMilliseconds() {
    assertThat(GatewayOptions.parse("--to-tcp", "127.0.0.1:502", "--timeout", "250").timeout())
        .isEqualTo(Duration.ofMillis(250));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--bogus                                       | unknown option '--bogus'",
      "--to-tcp 127.0.0.1:502 --timeout soon         | --timeout: 'soon' is not a duration",
      "--to-tcp 127.0.0.1:502 --timeout 0            | --timeout must be longer than 0",
      "--to-tcp 127.0.0.1:502 --retries -1           | --retries -1 is out of 0..100",
      "--to-tcp 127.0.0.1                            | --to-tcp '127.0.0.1' is not HOST:PORT",
      "--to-tcp 127.0.0.1:70000                      | --to-tcp port 70000 is out of 1..65535",
      "--to-tcp 127.0.0.1:502 --baud 9600            | --baud is a serial line setting",
      "--rtu /dev/x --parity X                       | --parity 'X' is not one of N, E, O",
      "--rtu /dev/x --to-tcp 127.0.0.1:502           | give one downstream option or --routes",
      "--listen 127.0.0.1:5020                       | no downstream",
      "--to-tcp 127.0.0.1:502 --listen-framing tls   | --listen-framing 'tls'",
      "--to-tcp 127.0.0.1:502 --timeout 1s --timeout 2s | option --timeout is given twice",
      "--to-tcp                                      | option --to-tcp needs a value",
      "--to-tcp 127.0.0.1:502 --listen-baud 9600     | --listen-baud is a serial line setting: it needs --listen-rtu",
      "--listen-rtu /dev/x --listen-parity X --to-tcp 127.0.0.1:502 | --listen-parity 'X' is not one of N, E, O",
      "--listen-rtu /dev/x --listen-baud 10 --to-tcp 127.0.0.1:502 | --listen-baud 10 is out of 50..4000000",
      "--listen-rtu /dev/x --listen-ascii /dev/y --to-tcp 127.0.0.1:502 | give one serial upstream",
      "--listen-rtu /dev/x --listen-framing rtu --to-tcp 127.0.0.1:502 | --listen-framing is for the TCP listener",
      "--listen-rtu /dev/x --rtu /dev/x              | --rtu /dev/x is the serial upstream's device too",
      "--to-tcp 127.0.0.1:502 --unrouted 0c          | --unrouted '0c' is not one of 0a, 0b, none",
      "--listen :5020 --to-tcp 127.0.0.1:502          | --listen ':5020' is not HOST:PORT",
      "--listen 127.0.0.1: --to-tcp 127.0.0.1:502     | --listen '127.0.0.1:' is not HOST:PORT",
      "--to-tcp 127.0.0.1:0                           | --to-tcp port 0 is out of 1..65535",
      "--listen 127.0.0.1:65536 --to-tcp 127.0.0.1:1  | --listen port 65536 is out of 0..65535",
      "--udp 65536 --to-tcp 127.0.0.1:502             | --udp 65536 is out of 0..65535",
      "--to-tcp 127.0.0.1:502 --queue 0               | --queue 0 is out of 1..100000",
      "--to-tcp 127.0.0.1:502 --retries 101           | --retries 101 is out of 0..100",
      "--to-tcp 127.0.0.1:502 --quarantine-after 1001 | --quarantine-after 1001 is out of 0..1000",
      "--rtu /dev/x --stop-bits 3                     | --stop-bits 3 is out of 1..2",
      "--rtu /dev/x --baud 4000001                    | --baud 4000001 is out of 50..4000000",
      "--to-tcp 127.0.0.1:502 --decode pdu,bytes      | --decode: ",
      "--to-tcp 127.0.0.1:502 --routes r.yaml         | give one downstream option or --routes, not --to-tcp and --routes",
      "--rtu /dev/x --ascii /dev/y                    | give one downstream option or --routes, not --rtu and --ascii",
      "--to-tcp 127.0.0.1:502 --pass-through=yes      | unknown option '--pass-through=yes'"})
  void aBadOptionExitsWithStatus2AndNamesIt(String args, String message) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = GatewayMain.run(args.strip().split("\\s+"), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(message);
  }

  @Test
  void helpExitsWith0() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(GatewayMain.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
        System.err)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--to-rtu-over-tcp", "--quarantine-after", "--listen-rtu",
        "--unrouted");
  }

  @Test
  void aRoutesFileParses() throws Exception {
    Path file = dir.resolve("routes.yaml");
    Files.writeString(file, """
        downstreams:
          line1: {rtu: /dev/ttyUSB0, baud: 9600, parity: N, timeout: 300ms, retries: 1}
          plc: {tcp: 127.0.0.1:5021}
        routes:
          - {units: 1-10, to: line1}
          - {units: 20, to: plc, as: 1}
        default: plc
        """);
    RoutesFile r = RoutesFile.load(file);
    assertThat(r.downstreams()).hasSize(2);
    assertThat(r.downstreams().get(0).timeout()).isEqualTo(Duration.ofMillis(300));
    assertThat(r.routes().get(1).target(20)).isEqualTo(1);
    assertThat(r.defaultDownstream()).isEqualTo("plc");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "downstreams: {a: {tcp: 127.0.0.1:1}}\\nroutes: [{units: 1-300, to: a}]  | routes[0].units 300 is out of 1..247",
      "downstreams: {a: {tcp: 127.0.0.1:1}}\\nroutes: [{units: 5-2, to: a}]    | routes[0].units: '5-2' ends before it starts",
      "downstreams: {a: {tcp: 127.0.0.1:1}}\\nroutes: [{units: 1, to: b}]      | routes[0].to: 'b' is not a downstream",
      "downstreams: {a: {tcp: 127.0.0.1:1, rtu: /dev/x}}\\ndefault: a        | downstreams.a: give exactly one of",
      "downstreams: {a: {tcp: 127.0.0.1:1, speed: 3}}\\ndefault: a           | downstreams.a.speed: unknown field",
      "downstreams: {a: {rtu: /dev/x, parity: Q}}\\ndefault: a               | downstreams.a.parity: 'Q'",
      "downstreams: {a: {tcp: 127.0.0.1:1}}                                   | no route and no default",
      "downstreams: {a: {tcp: 127.0.0.1:1}}\\ndefault: z                      | default: 'z' is not a downstream",
      "downstreams: {a: {tcp: 127.0.0.1:1}}\\nroutes: [{units: 240-247, to: a, as: 245}] | reach 245..252",
      "downstreams: [1, 2]                                                    | downstreams: expected a mapping",
      "routing: {}                                                            | routing: unknown field"})
  void aBadRoutesFileExitsWithStatus2AndNamesTheField(String yaml, String message) throws Exception {
    Path file = dir.resolve("routes.yaml");
    Files.writeString(file, yaml.replace("\\n", "\n"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = GatewayMain.run(new String[] {"--routes", file.toString(), "--listen", "127.0.0.1:0"},
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(file.toString()).contains(message);
  }

  @Test
  void aMissingRoutesFileIsNamed() {
    assertThatThrownBy(() -> RoutesFile.load(dir.resolve("nope.yaml")))
        .isInstanceOf(GatewayUsageException.class).hasMessageContaining("nope.yaml: cannot read");
  }
}
