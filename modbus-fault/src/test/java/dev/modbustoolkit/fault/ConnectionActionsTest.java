package dev.modbustoolkit.fault;

import static dev.modbustoolkit.fault.Harness.READ;
import static dev.modbustoolkit.fault.Harness.connection;
import static dev.modbustoolkit.fault.Harness.plan;
import static dev.modbustoolkit.fault.Harness.transmit;
import static dev.modbustoolkit.fault.TestFormats.MBAP;
import static dev.modbustoolkit.fault.TestFormats.TCP_READ;
import static dev.modbustoolkit.fault.TestFormats.prefix;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** TCP connection actions. */
class ConnectionActionsTest {

  @Nested
  class Close {
    @ParameterizedTest
    @EnumSource(CloseMode.class)
    void closeAfterNRequestsRespondsThenCloses(CloseMode mode) {
      FaultSession s = Harness.session(Transport.TCP, ActionSpec.CloseConnection.afterRequests(3, mode));
      assertThat(s.plan(READ)).isSameAs(FaultPlan.NONE);
      assertThat(s.plan(READ)).isSameAs(FaultPlan.NONE);
      FaultPlan third = s.plan(READ);
      assertThat(third.beforeDispatch()).isEqualTo(DispatchVerdict.DISPATCH);
      assertThat(third.responseDropped()).isFalse();
      assertThat(third.after()).isEqualTo(mode.directive());
      TransmissionPlan tp = third.transmit(TCP_READ, TCP_READ.length, MBAP);
      assertThat(tp.bytes()).isEqualTo(TCP_READ);
      assertThat(tp.after()).isEqualTo(mode.directive());
    }

    @Test
    void theCountIsPerConnection() {
      FaultPipeline p = FaultPipeline.create(1);
      p.add(FaultSpec.of("c", ActionSpec.CloseConnection.afterRequests(2, CloseMode.FIN)));
      FaultSession a = p.openSession(connection(1, Transport.TCP));
      FaultSession b = p.openSession(connection(2, Transport.TCP));
      assertThat(a.plan(READ).isNone()).isTrue();
      assertThat(b.plan(READ).isNone()).isTrue();
      assertThat(a.plan(READ).after()).isEqualTo(ConnectionDirective.CLOSE_FIN);
      assertThat(b.plan(READ).after()).isEqualTo(ConnectionDirective.CLOSE_FIN);
    }

    @Test
    void closeWithoutRespondingSkipsTheRequest() {
      FaultPlan p = plan(Transport.TCP, new ActionSpec.CloseConnection(CloseMode.RST, 0, null, false));
      assertThat(p.beforeDispatch()).isEqualTo(DispatchVerdict.SKIP_NO_RESPONSE);
      assertThat(p.responseDropped()).isTrue();
      assertThat(p.after()).isEqualTo(ConnectionDirective.CLOSE_RST);
    }

    @Test
    void periodicCloseFiresOnceTheConnectionIsOldEnough() {
      Harness.ManualClock clock = new Harness.ManualClock(1_000_000);
      FaultPipeline p = FaultPipeline.create(1, clock);
      p.add(FaultSpec.of("periodic", new ActionSpec.CloseConnection(CloseMode.FIN, 0, Duration.ofSeconds(30), true)));
      FaultSession s = p.openSession(connection(1, Transport.TCP));
      clock.advanceMillis(29_999);
      assertThat(s.plan(READ).isNone()).isTrue();
      clock.advanceMillis(1);
      assertThat(s.plan(READ).after()).isEqualTo(ConnectionDirective.CLOSE_FIN);
      // A new connection starts its own period.
      FaultSession next = p.openSession(connection(2, Transport.TCP));
      assertThat(next.plan(READ).isNone()).isTrue();
    }
  }

  @Nested
  class Partial {
    @Test
    void dropMidFrameSendsOnlyThePartialBytesThenFin() {
      TransmissionPlan tp = transmit(Transport.TCP, new ActionSpec.DropMidFrame(new Cut.Bytes(5)));
      assertThat(tp.bytes()).isEqualTo(prefix(TCP_READ, 5));
      assertThat(tp.after()).isEqualTo(ConnectionDirective.CLOSE_FIN);
    }

    @Test
    void resetAfterPartialSendsOnlyThePartialBytesThenRst() {
      TransmissionPlan tp = transmit(Transport.TCP, new ActionSpec.ResetAfterPartial(new Cut.Percent(50)));
      assertThat(tp.bytes()).isEqualTo(prefix(TCP_READ, TCP_READ.length / 2));
      assertThat(tp.after()).isEqualTo(ConnectionDirective.CLOSE_RST);
    }

    @Test
    void thePartialResponseIsNotCountedAsDropped() {
      FaultPlan p = plan(Transport.TCP, new ActionSpec.DropMidFrame(Cut.HALF));
      assertThat(p.responseDropped()).isFalse();
      assertThat(p.after()).isEqualTo(ConnectionDirective.CLOSE_FIN);
    }
  }

  @Test
  void holdOpenFires() {
    FaultPipeline p = FaultPipeline.create(1);
    p.add(FaultSpec.of("hang", new ActionSpec.HoldOpen()));
    FaultPlan plan = p.openSession(connection(1, Transport.TCP)).plan(READ);
    assertThat(plan.faultIds()).containsExactly("hang");
    assertThat(plan.beforeDispatch()).isEqualTo(DispatchVerdict.SKIP_NO_RESPONSE);
    assertThat(plan.responseDropped()).isTrue();
    assertThat(plan.after()).isEqualTo(ConnectionDirective.HOLD_OPEN);
    assertThat(plan.transmit(TCP_READ, TCP_READ.length, MBAP).after()).isEqualTo(ConnectionDirective.HOLD_OPEN);
    assertThat(p.stats("hang").orElseThrow().activations()).isEqualTo(1);
  }

  @Nested
  class Idle {
    @Test
    void idleCloseIsFixedWhenTheSessionOpens() {
      FaultPipeline p = FaultPipeline.create(1);
      FaultSession before = p.openSession(connection(1, Transport.TCP));
      p.add(FaultSpec.of("idle", new ActionSpec.IdleClose(Duration.ofSeconds(5), CloseMode.RST)));
      FaultSession after = p.openSession(connection(2, Transport.TCP));
      assertThat(before.idleCloseNanos()).isEqualTo(-1);
      assertThat(before.idleCloseDirective()).isEqualTo(ConnectionDirective.KEEP_OPEN);
      assertThat(after.idleCloseNanos()).isEqualTo(5_000_000_000L);
      assertThat(after.idleCloseDirective()).isEqualTo(ConnectionDirective.CLOSE_RST);
      assertThat(p.stats("idle").orElseThrow().activations()).isEqualTo(1);
    }

    @Test
    void idleCloseHonoursItsTrigger() {
      FaultPipeline p = FaultPipeline.create(1);
      p.add(
          FaultSpec.of(
              "idle",
              new ActionSpec.IdleClose(Duration.ofSeconds(1), CloseMode.FIN),
              TriggerSpec.builder().everyNth(2).build()));
      List<Long> idles = new ArrayList<>();
      for (int i = 1; i <= 4; i++) {
        idles.add(p.openSession(connection(i, Transport.TCP)).idleCloseNanos());
      }
      assertThat(idles).containsExactly(-1L, 1_000_000_000L, -1L, 1_000_000_000L);
    }

    @Test
    void idleCloseDoesNotApplyToSerialPorts() {
      FaultPipeline p = FaultPipeline.create(1);
      p.add(FaultSpec.of("idle", new ActionSpec.IdleClose(Duration.ofSeconds(1), CloseMode.FIN)));
      assertThat(p.openSession(connection(1, Transport.RTU)).idleCloseNanos()).isEqualTo(-1);
    }
  }

  @Nested
  class Limit {
    @ParameterizedTest
    @EnumSource(value = ConnectDecision.class, names = "ACCEPT", mode = EnumSource.Mode.EXCLUDE)
    void limitAppliesOnceMaxConnectionsAreOpen(ConnectDecision policy) {
      FaultPipeline p = FaultPipeline.create(1);
      p.add(FaultSpec.of("limit", new ActionSpec.ConnectionLimit(2, policy)));
      assertThat(p.onConnect(connection(1, Transport.TCP), 0)).isEqualTo(ConnectDecision.ACCEPT);
      assertThat(p.onConnect(connection(2, Transport.TCP), 1)).isEqualTo(ConnectDecision.ACCEPT);
      assertThat(p.onConnect(connection(3, Transport.TCP), 2)).isEqualTo(policy);
      assertThat(p.onConnect(connection(4, Transport.TCP), 5)).isEqualTo(policy);
      FaultStats st = p.stats("limit").orElseThrow();
      assertThat(st.checks()).isEqualTo(4);
      assertThat(st.activations()).isEqualTo(2);
    }

    @Test
    void withoutLimitFaultsEveryConnectionIsAccepted() {
      assertThat(FaultPipeline.empty().onConnect(connection(1, Transport.TCP), 10_000))
          .isEqualTo(ConnectDecision.ACCEPT);
    }

    @Test
    void limitCanBeRestrictedToRemoteAddresses() {
      FaultPipeline p = FaultPipeline.create(1);
      p.add(
          FaultSpec.of(
              "limit",
              new ActionSpec.ConnectionLimit(0, ConnectDecision.REFUSE),
              TriggerSpec.builder().remoteAddresses("10.0.0.0/8").build()));
      ConnectionInfo local = connection(1, Transport.TCP);
      ConnectionInfo remote =
          new ConnectionInfo(2, Transport.TCP, new java.net.InetSocketAddress("10.1.2.3", 5000));
      assertThat(p.onConnect(local, 0)).isEqualTo(ConnectDecision.ACCEPT);
      assertThat(p.onConnect(remote, 0)).isEqualTo(ConnectDecision.REFUSE);
    }
  }

  @Test
  void oneRequestAtATimeAsksTheServerToDiscardPipelinedRequests() {
    FaultPlan p = plan(Transport.TCP, new ActionSpec.OneRequestAtATime());
    assertThat(p.discardPipelinedRequests()).isTrue();
    assertThat(p.beforeDispatch()).isEqualTo(DispatchVerdict.DISPATCH);
    assertThat(p.transmit(TCP_READ, TCP_READ.length, MBAP).bytes()).isEqualTo(TCP_READ);
    assertThat(FaultPlan.NONE.discardPipelinedRequests()).isFalse();
  }

  @Test
  void oneRequestAtATimeCanBeLimitedToSomeFunctionCodes() {
    FaultPipeline p = FaultPipeline.create(1);
    p.add(FaultSpec.of("serial", new ActionSpec.OneRequestAtATime(), TriggerSpec.builder().functionCodes(16).build()));
    FaultSession s = p.openSession(connection(1, Transport.TCP));
    assertThat(s.plan(READ).discardPipelinedRequests()).isFalse();
    assertThat(s.plan(RequestInfo.of(1, 16, 0, 2)).discardPipelinedRequests()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"RTU", "ASCII"})
  void connectionActionsDoNotApplyToSerialPorts(Transport t) {
    FaultSession s =
        Harness.session(
            t,
            ActionSpec.CloseConnection.afterRequests(0, CloseMode.RST),
            new ActionSpec.DropMidFrame(Cut.HALF),
            new ActionSpec.ResetAfterPartial(Cut.HALF),
            new ActionSpec.HoldOpen(),
            new ActionSpec.OneRequestAtATime());
    assertThat(s.plan(READ)).isSameAs(FaultPlan.NONE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"RTU_OVER_TCP", "ASCII_OVER_TCP"})
  void connectionActionsApplyToSerialFramesOverTcp(Transport t) {
    // The close and the hold-open plans do not depend on the frame layout: RTU_READ stands in for either.
    TransmissionPlan reset = transmit(t, new ActionSpec.ResetAfterPartial(new Cut.Bytes(3)));
    assertThat(reset.bytes()).isEqualTo(prefix(TestFormats.RTU_READ, 3));
    assertThat(reset.after()).isEqualTo(ConnectionDirective.CLOSE_RST);
    TransmissionPlan drop = transmit(t, new ActionSpec.DropMidFrame(new Cut.HeaderOnly()));
    assertThat(drop.bytes()).isEqualTo(prefix(TestFormats.RTU_READ, 1));
    assertThat(drop.after()).isEqualTo(ConnectionDirective.CLOSE_FIN);
    TransmissionPlan close =
        transmit(t, ActionSpec.CloseConnection.afterRequests(1, CloseMode.RST));
    assertThat(close.bytes()).isEqualTo(TestFormats.RTU_READ);
    assertThat(close.after()).isEqualTo(ConnectionDirective.CLOSE_RST);
    assertThat(plan(t, new ActionSpec.HoldOpen()).after())
        .isEqualTo(ConnectionDirective.HOLD_OPEN);
    assertThat(plan(t, new ActionSpec.OneRequestAtATime()).discardPipelinedRequests())
        .isTrue();
  }
}
