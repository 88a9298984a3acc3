package dev.modbustoolkit.server.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Validation and defaults of {@link ModbusTcpServer.Builder}; nothing is bound here. */
class ModbusTcpServerBuilderTest {
  private final ModbusTcpServer.Builder builder = ModbusTcpServer.builder(ModbusDispatcher.builder().build());

  @Test
  void rejectsPortsOutsideTheTcpRange() {
    assertThatThrownBy(() -> builder.port(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    assertThatThrownBy(() -> builder.port(65536)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65536");
    builder.port(0).port(65535);
  }

  @Test
  void rejectsConnectionLimitsOutOfRange() {
    assertThatThrownBy(() -> builder.maxConnections(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.maxConnections(1_000_001)).isInstanceOf(IllegalArgumentException.class);
    builder.maxConnections(1).maxConnections(1_000_000);
  }

  @Test
  void rejectsNegativeOrHugeDurations() {
    assertThatThrownBy(() -> builder.idleTimeout(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idleTimeout");
    assertThatThrownBy(() -> builder.requestTimeout(Duration.ofSeconds(-5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestTimeout");
    assertThatThrownBy(() -> builder.idleTimeout(Duration.ofDays(30))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.shutdownGracePeriod(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    builder.idleTimeout(Duration.ZERO).requestTimeout(Duration.ZERO).shutdownGracePeriod(Duration.ZERO);
  }

  @Test
  void rejectsNullsAndBlankNames() {
    assertThatThrownBy(() -> ModbusTcpServer.builder(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.connectionLimitPolicy(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.listener(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> builder.name(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.backlog(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyRangeIsCheckedAtBothEnds() {
    assertThat(builder.backlog(1).backlog(0xFFFF)).isSameAs(builder);
    assertThatThrownBy(() -> builder.backlog(0)).hasMessage("backlog 0 out of range 1..65535");
    assertThatThrownBy(() -> builder.backlog(0x10000)).hasMessage("backlog 65536 out of range 1..65535");
    assertThat(builder.eventLoops(1).eventLoops(256)).isSameAs(builder);
    assertThatThrownBy(() -> builder.eventLoops(0)).hasMessage("eventLoops 0 out of range 1..256");
    assertThatThrownBy(() -> builder.eventLoops(257)).hasMessage("eventLoops 257 out of range 1..256");
    assertThat(builder.name("x")).isSameAs(builder);
    assertThatThrownBy(() -> builder.name("")).hasMessage("name must not be blank");
    Duration longest = Duration.ofMillis(Integer.MAX_VALUE);
    assertThat(builder.idleTimeout(longest).idleTimeout(Duration.ZERO)).isSameAs(builder);
    assertThatThrownBy(() -> builder.idleTimeout(longest.plusNanos(1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than the maximum " + longest);
  }

  @Test
  void acceptsIpv4AndIpv6LiteralsWithOrWithoutBrackets() throws Exception {
    builder.bindAddress("127.0.0.1").bindAddress("::1").bindAddress("[::1]").bindAddress("0.0.0.0");
    builder.bind(new InetSocketAddress(InetAddress.getByName("::1"), 1502));
    assertThatThrownBy(() -> builder.bindAddress("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.bind(InetSocketAddress.createUnresolved("example.invalid", 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void faultsDefaultToAnEmptyPipelinePerServerAndTakeTheGivenOne() {
    ModbusTcpServer a = builder.build();
    ModbusTcpServer b = builder.build();
    assertThat(a.faults().isEmpty()).isTrue();
    assertThat(a.faults()).isNotSameAs(b.faults());
    FaultPipeline pipeline = FaultPipeline.create(99);
    assertThat(builder.faults(pipeline).build().faults()).isSameAs(pipeline);
    assertThatThrownBy(() -> builder.faults(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void defaultsAreTheProductionOnes() {
    assertThat(ModbusTcpServer.DEFAULT_PORT).isEqualTo(502);
    assertThat(ModbusTcpServer.Builder.DEFAULT_MAX_CONNECTIONS).isEqualTo(10_000);
    assertThat(ModbusTcpServer.Builder.DEFAULT_IDLE_TIMEOUT).isEqualTo(Duration.ofSeconds(300));
    assertThat(ModbusTcpServer.Builder.DEFAULT_REQUEST_TIMEOUT).isEqualTo(Duration.ofSeconds(5));
    assertThat(ModbusTcpServer.Builder.DEFAULT_SHUTDOWN_GRACE_PERIOD).isEqualTo(Duration.ofSeconds(30));
    ModbusTcpServer server = builder.build();
    assertThat(server.isRunning()).isFalse();
    assertThatThrownBy(server::localAddress).isInstanceOf(IllegalStateException.class);
    // Shutting down a server that never started is allowed and leaves it stopped.
    assertThat(server.shutdown(Duration.ZERO)).isTrue();
  }
}
