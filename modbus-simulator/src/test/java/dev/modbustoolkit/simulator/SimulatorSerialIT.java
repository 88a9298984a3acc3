package dev.modbustoolkit.simulator;

import static dev.modbustoolkit.simulator.Frames.exchange;
import static dev.modbustoolkit.simulator.Frames.read;
import static dev.modbustoolkit.simulator.Frames.rtu;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.server.rtu.ModbusRtuServer;
import dev.modbustoolkit.testkit.PtyPair;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --rtu} on one end of a socat pty pair; the test writes raw RTU requests to the other end and reads the
 * answers. Skipped when socat is not installed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatorSerialIT {
  @TempDir Path dir;

  @Test
  void servesRtuOnAPtyStaysSilentForOtherUnitsAndInjectsFaults() throws Exception {
    Path faults = Files.writeString(dir.resolve("faults.json"), """
        {"faults": [{"id": "busy", "action": {"type": "exception", "code": 6},
                     "trigger": {"functionCodes": [3], "addresses": "100-199"}}]}
        """);
    try (PtyPair ptys = PtyPair.start(dir)) {
      SimulatorOptions options = SimulatorOptions.parse("--no-tcp", "--rtu", ptys.server().toString(), "--unit", "1",
          "--unit", "2", "--faults", faults.toString());
      assertThat(options.serial().lineSettings()).isEqualTo(SerialLineSettings.of(19_200, "8E1"));
      try (Simulator simulator = new Simulator(options);
          OutputStream out = Files.newOutputStream(ptys.client(), StandardOpenOption.WRITE);
          InputStream in = Files.newInputStream(ptys.client())) {
        simulator.start();
        ModbusRtuServer server = simulator.rtuServer().orElseThrow();
        assertThat(server.isRunning()).isTrue();
        assertThat(simulator.tcpServer()).isEmpty();
        simulator.models().get(1).holdingRegisters().set(0, 0x0102);

        assertThat(exchange(out, in, rtu("01 03 0000 0001"), 7)).isEqualTo(rtu("01 03 02 0102"));
        assertThat(exchange(out, in, rtu("02 06 0005 ABCD"), 8)).isEqualTo(rtu("02 06 0005 ABCD"));
        // the fault pipeline reaches the serial server
        assertThat(exchange(out, in, rtu("01 03 0064 0001"), 5)).isEqualTo(rtu("01 83 06"));

        // a request for unit 9 (not served) and a broadcast get no answer; the broadcast is executed by every unit.
        // The next answer read must be the one to the request after them: nothing was sent in between.
        out.write(rtu("09 03 0000 0001"));
        out.flush();
        Thread.sleep(50);
        out.write(rtu("00 06 0007 0077"));
        out.flush();
        Thread.sleep(50);
        out.write(rtu("02 03 0007 0001"));
        out.flush();
        assertThat(read(in, 7)).isEqualTo(rtu("02 03 02 0077"));
        assertThat(exchange(out, in, rtu("01 03 0007 0001"), 7)).isEqualTo(rtu("01 03 02 0077"));

        assertThat(server.statistics().otherUnitRequests()).isEqualTo(1);
        assertThat(server.statistics().broadcasts()).isEqualTo(1);
        assertThat(simulator.models().get(2).holdingRegisters().get(5)).isEqualTo(0xABCD);
      }
    }
  }
}
