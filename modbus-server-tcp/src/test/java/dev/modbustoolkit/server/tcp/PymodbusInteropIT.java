package dev.modbustoolkit.server.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.testkit.PeerSteps;
import dev.modbustoolkit.testkit.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A non-Java client: pymodbus (Debian's python3-pymodbus, run by the python3 on the PATH) in a subprocess, over
 * every function code it has a request for (01-08 with every diagnostics sub-function, 0B, 0C, 0F, 10, 11, 14, 15,
 * 16, 17, 18, 2B/0E with "more follows", listen-only mode), in both I/O modes. The expected counters and event log
 * follow the spec's definitions (AP 6.8-6.10). Skipped only when python3 or pymodbus is not installed (failed then
 * under CI=true); how many steps ran against pymodbus is printed after the suite.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PymodbusInteropIT {
  @RegisterExtension static final PeerSteps PEER_STEPS = new PeerSteps();

  private final TestSupport support = new TestSupport();

  @AfterEach
  void stop() {
    support.close();
  }

  @ParameterizedTest(name = "pymodbus over every function code, {0}")
  @EnumSource(IoMode.class)
  void pymodbusOverEveryFunctionCode(IoMode ioMode) throws Exception {
    Path python = Tools.requirePython("python3-pymodbus", "pymodbus");

    InteropDevice device = new InteropDevice();
    ModbusTcpServer server = support.start(device.dispatcher(), b -> b.ioMode(ioMode));
    Path script = Files.createTempFile("pymodbus_client", ".py");
    try (InputStream in = PymodbusInteropIT.class.getResourceAsStream("/pymodbus_client.py")) {
      Files.write(script, in.readAllBytes());
      Result result = run(python.toString(), script.toString(), "127.0.0.1",
          String.valueOf(server.localAddress().getPort()));
      assertThat(result.exitCode()).as("pymodbus client output:%n%s", result.output()).isZero();
      Map<String, String> lines = result.keyValues();
      assertThat(lines).as(result.output()).containsEntry("coils", "1,0,0,1,0,0,1,0,0,1,0,0,1,0,0,1")
          .containsEntry("discrete", "1,0,1,0,1,0,1,0,1,0,1,0,1,0,1,0")
          .containsEntry("holding", "1000,1001,1002,1003,1004,1005,1006,1007,1008,1009")
          .containsEntry("input", "2000,2001,2002,2003,2004,2005,2006,2007,2008,2009")
          .containsEntry("write_coil", "ok")
          .containsEntry("write_coils", "ok")
          .containsEntry("write_register", "ok")
          .containsEntry("write_registers", "ok")
          .containsEntry("mask_write", "ok")
          .containsEntry("readwrite", "7,8,9,0,0")
          .containsEntry("unknown_unit", "11");
      assertOtherFunctionCodes(lines, result.output());
      assertThat(device.device.diagnosticCounters().asciiInputDelimiter()).as("08/03 reached the device")
          .isEqualTo(0x0D);
      PEER_STEPS.ran("pymodbus", lines.size());
    } finally {
      Files.deleteIfExists(script);
    }
    device.assertWritesArrived();
  }

  /**
   * 07, 08, 0B, 0C, 11, 14, 15, 18, 2B/0E and listen-only, after 08/0A cleared the counters. Counted from the clear
   * on: bus messages = every request (the current one included, as it has been detected when it is answered);
   * server messages likewise for unit 1; the comm event counter (0B) = requests that completed without an
   * exception, 0B and 0C themselves excluded; the event log (0C) has a receive event (80) and a send event (40, or 41
   * after a read exception 01-03) per request, most recent first.
   */
  private static void assertOtherFunctionCodes(Map<String, String> lines, String output) {
    assertThat(lines).as(output)
        .containsEntry("diag_clear", "0")
        .containsEntry("exception_status", String.valueOf(InteropDevice.EXCEPTION_STATUS))
        .containsEntry("diag_echo", "42295,258")
        .containsEntry("diag_register", "0")
        .containsEntry("bus_messages", "4")                  // 07, 08/00, 08/02 and this 08/0B
        .containsEntry("bus_comm_errors", "0")
        .containsEntry("bus_exceptions_before", "0")
        .containsEntry("quantity_126", "3")
        .containsEntry("bus_exceptions", "1")
        .containsEntry("server_messages", "9")               // the 7 before it, the exception, and this one
        .containsEntry("server_no_response", "0")
        .containsEntry("server_nak", "0")
        .containsEntry("server_busy", "0")
        .containsEntry("char_overrun", "0")
        .containsEntry("clear_overrun", "0")
        .containsEntry("event_counter", "13 status=True")    // 14 requests after the clear, less the exception
        .containsEntry("event_log_counts", "13,16")          // and 16 messages: those, the 0B and this 0C
        .containsEntry("server_id", "696e7465726f70ff7631")  // "interop", run indicator ON, "v1"
        .containsEntry("write_file", "4/1/123456789abc")
        .containsEntry("read_file", "0000123456789abc")
        .containsEntry("read_missing_file", "2")
        .containsEntry("fifo", "11,12,13")                   // decoded as the spec says, see the script
        .containsEntry("device_id_basic", "0:modbus-toolkit;1:Interop;2:1.0")
        .containsEntry("device_id_basic_more", "0,131")      // no more follows; conformity 0x83
        // 7 regular objects (89 bytes) and 0x80 cannot share one answer, nor can two extended objects
        .containsEntry("device_id_extended_calls", "4")
        .containsEntry("device_id_extended_ids", "00,01,02,03,04,05,06,80,81,82")
        .containsEntry("device_id_extended_lengths", "14,7,3,23,13,2,13,200,200,200")
        .containsEntry("device_id_individual", "81:200")
        .containsEntry("ascii_delimiter", "3328")            // 0x0D00 echoed
        .containsEntry("restart", "0")
        .containsEntry("event_counter_after_restart", "0")
        .containsEntry("listen_only", "no answer")
        .containsEntry("read_in_listen_only", "no answer")
        .containsEntry("restart_in_listen_only", "no answer")
        .containsEntry("after_listen_only", "1000");
    // The log, most recent first: 0C's receive, then 0B, 08/14, 08/12, 08/11, 08/10, 08/0F, 08/0E, 08/0D (receive
    // and send each), the exception (41), 08/0D, 08/0C, 08/0B, 08/02, 08/00, 07, 08/0A (whose send event the
    // device used to drop) and the ten table requests before it.
    assertThat(lines.get("event_log")).as(output).isEqualTo("80" + " 40 80".repeat(8) + " 41 80"
        + " 40 80".repeat(6) + " 40 80" + " 40 80".repeat(10));
    // 0C's and 0B's receive and send, then 08/01: send 40 after its restart event 00 (used to be dropped)
    assertThat(lines.get("event_log_after_restart")).as(output).isEqualTo("80 40 80 40 00 80");
    // 0C, the read after listen-only, the silent restart (A0, 00, 40), the read in listen-only (A0, 60), 08/04
    // (80, 04, 60): the unanswered requests store send events too (used to store none)
    assertThat(lines.get("event_log_after_listen_only")).as(output).isEqualTo("80 40 80 40 00 A0 60 A0 60 04");
  }

  record Result(int exitCode, String output) {
    Map<String, String> keyValues() {
      Map<String, String> map = new LinkedHashMap<>();
      for (String line : output.split("\\R")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          map.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
      }
      return map;
    }
  }

  /** Runs a command; its output is read on a thread of its own, and it is killed and failed after 30 s. */
  static Result run(String... command) throws IOException, InterruptedException {
    Tools.Result r = Tools.run(Duration.ofSeconds(30), command);
    return new Result(r.exitCode(), r.output());
  }
}
