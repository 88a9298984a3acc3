package dev.modbustoolkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.client.RetryPolicy;
import dev.modbustoolkit.server.core.UnitRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway builder's checks, each at its boundary, with the message a user reads. The clients point at a
 * loopback port nobody listens on; no request is sent.
 */
class ModbusGatewayBuilderTest {
  private final List<AutoCloseable> open = new ArrayList<>();

  private ModbusClient client() {
    ModbusClient client = ModbusClient.tcp("127.0.0.1", 1).retry(RetryPolicy.NONE).build();
    open.add(client);
    return client;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  @Test
  void aGatewayNeedsALink() {
    assertThatThrownBy(() -> ModbusGateway.builder().build()).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a gateway needs at least one downstream link");
  }

  @Test
  void aLinkNameIsUsedOnce() {
    ModbusGateway.Builder builder = ModbusGateway.builder().downstream("bus", client());
    assertThatThrownBy(() -> builder.downstream("bus", client())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("downstream 'bus' is defined twice");
  }

  @Test
  void everyRouteAndTheDefaultRouteGoToALinkThatWasAdded() {
    assertThatThrownBy(() -> ModbusGateway.builder().downstream("bus", client())
        .route(GatewayRoute.of(UnitRange.of(1, 10), "bus"))
        .route(GatewayRoute.of(UnitRange.of(11, 20), "meters")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("routes[1] goes to 'meters', which is not a downstream link (there are [bus])");
    assertThatThrownBy(() -> ModbusGateway.builder().downstream("bus", client()).defaultRoute("plc").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the default route goes to 'plc', which is not a downstream link (there are [bus])");
    ModbusGateway gateway = ModbusGateway.builder().downstream("bus", client())
        .route(GatewayRoute.of(UnitRange.of(1, 10), "bus")).defaultRoute("bus").build();
    open.add(gateway);
  }

  @Test
  void limitsAreCheckedAtTheirBoundaries() {
    ModbusGateway.Builder builder = ModbusGateway.builder();
    assertThatThrownBy(() -> builder.queueLimit(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queue limit 0 is not 1 or more");
    assertThat(builder.queueLimit(1)).isSameAs(builder);
    assertThatThrownBy(() -> builder.quarantine(-1, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("timeouts in a row -1 is negative");
    assertThatThrownBy(() -> builder.quarantine(3, Duration.ofNanos(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("quarantine duration PT-0.000000001S is negative");
    assertThat(builder.quarantine(0, Duration.ZERO)).isSameAs(builder);
    assertThatThrownBy(() -> builder.readCache(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("cache ttl PT-0.001S is negative");
    assertThat(builder.readCache(Duration.ZERO)).isSameAs(builder);
    assertThatThrownBy(() -> builder.forwardTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("forward timeout PT0S is not positive");
    assertThatThrownBy(() -> builder.forwardTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("forward timeout PT-1S is not positive");
    assertThat(builder.forwardTimeout(Duration.ofNanos(1))).isSameAs(builder);
  }
}
