package dev.modbustoolkit.server.tcp;

import static dev.modbustoolkit.server.tcp.RawClient.readHolding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The MXBean through the platform MBean server: per-fault statistics, and RTU over TCP having its MBean too. */
@Timeout(30)
class ServerMXBeanIT {
  private final TestSupport support = new TestSupport();
  private final MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();

  @AfterEach
  void stop() {
    support.close();
  }

  @Test
  void faultStatisticsAreATableOfOpenTypesCountingWhatFired() throws Exception {
    String name = "it-jmx-faults-" + System.nanoTime();
    FaultPipeline faults = FaultPipeline.create(1);
    faults.add(FaultSpec.of("slow", new ActionSpec.Delay(Duration.ofMillis(1), Duration.ZERO)));
    faults.add(FaultSpec.of("off", new ActionSpec.Delay(Duration.ofMillis(1), Duration.ZERO)));
    faults.setEnabled("off", false);
    ModbusTcpServer server = support.start(new TestDevice(1), b -> b.jmxEnabled(true).name(name).faults(faults));
    ObjectName objectName = new ObjectName("dev.modbustoolkit:type=ModbusTcpServer,name=" + ObjectName.quote(name));
    Instant before = Instant.now().minusSeconds(1);
    try (RawClient c = RawClient.connect(server.localAddress())) {
      c.call(1, 1, readHolding(0, 1));
    }
    // Open types only: a console without the server's classes sees CompositeData rows.
    CompositeData[] rows = (CompositeData[]) mbs.getAttribute(objectName, "FaultStatistics");
    assertThat(rows).hasSize(2);
    assertThat(rows[0].getCompositeType().keySet())
        .containsExactlyInAnyOrder("id", "enabled", "checks", "activations", "lastActivation");
    assertThat(rows[0].get("id")).isEqualTo("slow");
    assertThat(rows[0].get("enabled")).isEqualTo(true);
    assertThat(rows[0].get("checks")).isEqualTo(1L);
    assertThat(rows[0].get("activations")).isEqualTo(1L);
    assertThat(Instant.parse((String) rows[0].get("lastActivation"))).isAfter(before);
    assertThat(rows[1].get("id")).isEqualTo("off");
    assertThat(rows[1].get("enabled")).isEqualTo(false);
    assertThat(rows[1].get("activations")).isEqualTo(0L);
    assertThat(rows[1].get("lastActivation")).isEqualTo("");
    assertThat((String[]) mbs.getAttribute(objectName, "Faults")).containsExactly("slow", "off");
  }

  @Test
  void anRtuOverTcpServerRegistersItsMxBean() throws Exception {
    String name = "it-jmx-rtu-over-tcp-" + System.nanoTime();
    RegisterDevice unit1 = RegisterDevice.of(DataModel.dense());
    unit1.dataModel().holdingRegisters().set(0, 0x64);
    ModbusTcpServer server = support.start(ModbusDispatcher.builder().unit(1, unit1).build(),
        b -> b.jmxEnabled(true).name(name).framing(TcpFraming.RTU));
    ObjectName objectName = new ObjectName("dev.modbustoolkit:type=ModbusTcpServer,name=" + ObjectName.quote(name));
    assertThat(mbs.isRegistered(objectName)).isTrue();
    try (Socket socket = new Socket()) {
      socket.connect(server.localAddress(), 5_000);
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(Wire.rtu("01 03 0000 0001"));
      out.flush();
      assertThat(Wire.read(in, 7)).isEqualTo(Wire.rtu("01 03 02 0064"));
    }
    assertThat(mbs.getAttribute(objectName, "Requests")).isEqualTo(1L);
    assertThat(mbs.getAttribute(objectName, "Running")).isEqualTo(true);
    server.close();
    assertThat(mbs.isRegistered(objectName)).isFalse();
  }
}
