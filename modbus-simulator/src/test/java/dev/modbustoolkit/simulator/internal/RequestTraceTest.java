package dev.modbustoolkit.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.server.core.DispatchListener;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RequestContext;
import dev.modbustoolkit.server.core.SerialRequestContext;
import dev.modbustoolkit.server.core.TcpRequestContext;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestTraceTest {

  @Test
  void aLineNamesThePeerTheFunctionAndTheOutcome() {
    RequestContext tcp = new TcpRequestContext(7, new InetSocketAddress("127.0.0.1", 5020),
        new InetSocketAddress("127.0.0.1", 40000));
    assertThat(RequestTrace.peer(tcp)).isEqualTo("from 127.0.0.1:40000 (connection 7)");
    assertThat(RequestTrace.peer(new SerialRequestContext("/dev/ttyUSB0", true))).isEqualTo("on /dev/ttyUSB0");
    assertThat(RequestTrace.function(3)).isEqualTo("FC 03");
    assertThat(RequestTrace.function(0x2B)).isEqualTo("FC 2B");
    assertThat(RequestTrace.function(DispatchListener.NO_FUNCTION_CODE)).isEqualTo("empty PDU");
    assertThat(RequestTrace.outcome(2, 2)).isEqualTo("exception 02");
    assertThat(RequestTrace.outcome(0, ModbusDispatcher.NO_RESPONSE)).isEqualTo("no response");
    assertThat(RequestTrace.outcome(0, 5)).isEqualTo("answer of 5 bytes");
  }

  @Test
  void bothTellsTheSecondListenerEvenWhenTheFirstThrows() {
    List<String> told = new ArrayList<>();
    DispatchListener failing = (c, u, f, e, r, n) -> {
      told.add("first " + u);
      throw new IllegalStateException("boom");
    };
    DispatchListener second = (c, u, f, e, r, n) -> told.add("second " + u);
    RequestContext context = new SerialRequestContext("pty", true);
    assertThatThrownBy(() -> RequestTrace.both(failing, second).onDispatch(context, 4, 3, 0, 5, 10))
        .hasMessage("boom");
    assertThat(told).containsExactly("first 4", "second 4");
  }
}
