package dev.modbustoolkit.server.rtu;

import static dev.modbustoolkit.server.rtu.Bytes.rtu;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.rtu.ModbusRtuServerTest.MemoryPort;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The serial server's MXBean through the platform MBean server, on in-memory ports. */
@Timeout(20)
class ModbusRtuServerMXBeanTest {
  private final MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
  private final RegisterDevice device = RegisterDevice.of(DataModel.dense());
  private final ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, device).build();

  private ModbusRtuServer server(String portName, MemoryPort port, FaultPipeline faults) {
    return ModbusRtuServer.builder(dispatcher).port(portName).portFactory(n -> port).faults(faults).build();
  }

  private static ObjectName objectName(String portName) throws JMException {
    return new ObjectName("dev.modbustoolkit:type=ModbusRtuServer,name=" + ObjectName.quote(portName));
  }

  @Test
  void theAttributesAreThereAndCountWhileRunningAndTheMBeanGoesOnClose() throws Exception {
    String portName = "/dev/jmx-" + System.nanoTime();
    device.dataModel().holdingRegisters().set(3, 0xBEEF);
    FaultPipeline faults = FaultPipeline.create(1);
    faults.add(FaultSpec.of("slow", new ActionSpec.Delay(Duration.ofMillis(1), Duration.ZERO)));
    MemoryPort port = new MemoryPort();
    ModbusRtuServer server = server(portName, port, faults);
    ObjectName name = objectName(portName);
    assertThat(mbs.isRegistered(name)).isFalse();
    server.start();
    assertThat(mbs.isRegistered(name)).isTrue();
    assertThat(mbs.getAttribute(name, "PortName")).isEqualTo(portName);
    assertThat(mbs.getAttribute(name, "Mode")).isEqualTo("RTU");
    assertThat(mbs.getAttribute(name, "LineSettings")).isEqualTo(server.lineSettings().toString());
    assertThat(mbs.getAttribute(name, "AppliedLineSettings")).isEqualTo(server.lineSettings().toString());
    assertThat(mbs.getAttribute(name, "Running")).isEqualTo(true);
    assertThat(mbs.getAttribute(name, "Requests")).isEqualTo(0L);

    byte[] expected = rtu("01 03 02 BE EF");
    port.input.add(rtu("01 03 00 03 00 01"));
    assertThat(port.awaitWritten(expected.length)).isEqualTo(expected);
    assertThat(mbs.getAttribute(name, "Requests")).isEqualTo(1L);
    // responsesSent is counted after the write returned: wait for it rather than race it
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while ((long) mbs.getAttribute(name, "ResponsesSent") == 0 && System.nanoTime() < end) {
      Thread.sleep(5);
    }
    assertThat(mbs.getAttribute(name, "ResponsesSent")).isEqualTo(1L);
    for (String counter : new String[] {"Broadcasts", "OtherUnitRequests", "ForeignResponses", "NoResponses",
        "ChecksumErrors", "IncompleteFrames", "MalformedFrames", "DiscardedBytes", "Overruns",
        "PipelinedDiscarded"}) {
      assertThat(mbs.getAttribute(name, counter)).as(counter).isEqualTo(0L);
    }
    assertThat((String[]) mbs.getAttribute(name, "Faults")).containsExactly("slow");
    CompositeData[] rows = (CompositeData[]) mbs.getAttribute(name, "FaultStatistics");
    assertThat(rows).hasSize(1);
    assertThat(rows[0].get("id")).isEqualTo("slow");
    assertThat(rows[0].get("enabled")).isEqualTo(true);
    assertThat(rows[0].get("activations")).isEqualTo(1L);
    assertThat((String) rows[0].get("lastActivation")).isNotEmpty();

    server.close();
    assertThat(mbs.isRegistered(name)).isFalse();
  }

  @Test
  void twoServersOnPortsOfOneNameHaveTwoMBeans() throws Exception {
    String portName = "/dev/jmx-twins-" + System.nanoTime();
    ObjectName pattern = new ObjectName("dev.modbustoolkit:type=ModbusRtuServer,name=" + ObjectName.quote(portName)
        + ",*");
    ModbusRtuServer first = server(portName, new MemoryPort(), FaultPipeline.empty()).start();
    ModbusRtuServer second = server(portName, new MemoryPort(), FaultPipeline.empty()).start();
    assertThat(mbs.queryNames(pattern, null))
        .containsExactlyInAnyOrder(objectName(portName),
            new ObjectName(objectName(portName) + ",instance=2"));
    second.close();
    assertThat(mbs.queryNames(pattern, null)).containsExactly(objectName(portName));
    first.close();
    assertThat(mbs.queryNames(pattern, null)).isEmpty();
  }

  @Test
  void jmxCanBeSwitchedOff() throws Exception {
    String portName = "/dev/jmx-off-" + System.nanoTime();
    try (ModbusRtuServer server = ModbusRtuServer.builder(dispatcher).port(portName)
        .portFactory(n -> new MemoryPort()).jmxEnabled(false).build().start()) {
      assertThat(server.isRunning()).isTrue();
      assertThat(mbs.isRegistered(objectName(portName))).isFalse();
    }
  }
}
