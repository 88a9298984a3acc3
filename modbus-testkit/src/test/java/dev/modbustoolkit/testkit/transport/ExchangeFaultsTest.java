package dev.modbustoolkit.testkit.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.CloseMode;
import dev.modbustoolkit.fault.ConnectionDirective;
import dev.modbustoolkit.fault.CrcCorruption;
import dev.modbustoolkit.fault.Cut;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.fault.FieldOverride;
import dev.modbustoolkit.fault.TriggerSpec;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.server.core.DispatchListener;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RequestContext;
import dev.modbustoolkit.testkit.Checksums;
import dev.modbustoolkit.testkit.Frames;
import dev.modbustoolkit.testkit.Hex;
import dev.modbustoolkit.testkit.InMemoryLink;
import dev.modbustoolkit.testkit.LinkEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every family of fault action through {@code Exchange.answerWithFaults} with a real fault pipeline, on each
 * framing, through an in-memory link. Expected bytes come from the testkit's oracle; delays are kept small and
 * checked from below only.
 */
class ExchangeFaultsTest {
  private static final String READ = "03 00 00 00 01";
  private static final String READ_ANSWER = "03 02 01 00";
  private static final String WRITE = "06 00 03 AB CD";

  private final Devices devices = Devices.create();

  private InMemoryLink link(Wire wire, ActionSpec action) {
    FaultPipeline faults = FaultPipeline.create(1);
    faults.add(FaultSpec.of("under-test", action));
    return InMemoryLink.of(devices.dispatcher(), wire.codec(), faults);
  }

  private static long millis(long nanos) {
    return Duration.ofNanos(nanos).toMillis();
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void respondWithExceptionSkipsTheRequest(Wire wire) throws Exception {
    try (InMemoryLink link = link(wire, new ActionSpec.RespondWithException(ExceptionCode.SERVER_DEVICE_BUSY))) {
      link.feed(wire.frame(3, 1, WRITE));
      assertThat(link.answersHex()).containsExactly(wire.hex(3, 1, "86 06"));
      assertThat(devices.holding1(3)).isEqualTo(0x0103);
      assertThat(link.counters().faultedRequests()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void noResponseWithoutExecution(Wire wire) throws Exception {
    try (InMemoryLink link = link(wire, new ActionSpec.NoResponse(false))) {
      link.feed(wire.frame(3, 1, WRITE));
      assertThat(link.answers()).isEmpty();
      assertThat(link.events()).isEmpty();
      assertThat(devices.holding1(3)).isEqualTo(0x0103);
      assertThat(link.counters().droppedResponses()).isEqualTo(1);
      assertThat(link.directive()).isEqualTo(ConnectionDirective.KEEP_OPEN);
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void noResponseAfterExecution(Wire wire) throws Exception {
    try (InMemoryLink link = link(wire, new ActionSpec.NoResponse(true))) {
      link.feed(wire.frame(3, 1, WRITE));
      assertThat(link.answers()).isEmpty();
      assertThat(devices.holding1(3)).isEqualTo(0xABCD);
      assertThat(link.counters().droppedResponses()).isEqualTo(1);
    }
  }

  /**
   * A fault that answers in the device's stead tells the dispatcher's listener through onFaultAnswered (the request
   * never reaches onDispatch); one that lets the request through comes through onDispatch alone.
   */
  @ParameterizedTest
  @EnumSource(Wire.class)
  void theListenerHearsOfRequestsAFaultAnswered(Wire wire) throws Exception {
    List<String> heard = new ArrayList<>();
    DispatchListener listener = new DispatchListener() {
      @Override
      public void onDispatch(RequestContext context, int unitId, int functionCode, int exceptionCode,
          int responseLength, long nanos) {
        heard.add("dispatched unit " + unitId + " fc " + functionCode + " exception " + exceptionCode);
      }

      @Override
      public void onFaultAnswered(RequestContext context, int unitId, int functionCode, int exceptionCode,
          List<String> faultIds) {
        heard.add("fault " + faultIds + " unit " + unitId + " fc " + functionCode + " exception " + exceptionCode);
      }

      @Override
      public void onAnswerFaulted(RequestContext context, int unitId, int functionCode, List<String> faultIds,
          boolean delivered) {
        heard.add("answer faulted " + faultIds + " unit " + unitId + " fc " + functionCode + " delivered " + delivered);
      }
    };
    Devices heardDevices = Devices.create();
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().listener(listener)
        .unit(1, heardDevices.unit1()).unit(2, heardDevices.unit2()).build();
    FaultPipeline faults = FaultPipeline.create(1);
    faults.add(FaultSpec.of("busy", new ActionSpec.RespondWithException(ExceptionCode.SERVER_DEVICE_BUSY),
        TriggerSpec.builder().addresses(3, 3).build()));
    faults.add(FaultSpec.of("silent", new ActionSpec.NoResponse(false),
        TriggerSpec.builder().addresses(5, 5).build()));
    faults.add(FaultSpec.of("slow", new ActionSpec.Delay(Duration.ofMillis(1), Duration.ZERO),
        TriggerSpec.builder().addresses(0, 0).build()));
    faults.add(FaultSpec.of("lost", new ActionSpec.NoResponse(true),
        TriggerSpec.builder().addresses(7, 7).build()));
    try (InMemoryLink link = InMemoryLink.of(dispatcher, wire.codec(), faults)) {
      link.feed(wire.frame(3, 1, WRITE));
      link.feed(wire.frame(4, 2, "03 00 05 00 01"));
      link.feed(wire.frame(5, 1, READ));
      link.feed(wire.frame(6, 2, "06 00 07 12 34"));
      assertThat(link.answersHex()).containsExactly(wire.hex(3, 1, "86 06"), wire.hex(5, 1, READ_ANSWER));
    }
    // The delayed read and the executed write whose answer was lost: dispatched, then their answers faulted.
    assertThat(heardDevices.holding2(7)).isEqualTo(0x1234);
    assertThat(heard).containsExactly(
        "fault [busy] unit 1 fc 6 exception 6",
        "fault [silent] unit 2 fc 3 exception 0",
        "dispatched unit 1 fc 3 exception 0",
        "answer faulted [slow] unit 1 fc 3 delivered true",
        "dispatched unit 2 fc 6 exception 0",
        "answer faulted [lost] unit 2 fc 6 delivered false");
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void delayHoldsTheAnswerBack(Wire wire) throws Exception {
    try (InMemoryLink link = link(wire, new ActionSpec.Delay(Duration.ofMillis(15), Duration.ZERO))) {
      link.feed(wire.frame(3, 1, READ));
      assertThat(link.answersHex()).containsExactly(wire.hex(3, 1, READ_ANSWER));
      assertThat(link.segments()).hasSize(1);
      assertThat(millis(link.segments().getFirst().gapNanos())).isGreaterThanOrEqualTo(15);
    }
  }

  @Test
  void wrongTransactionIdOnMbap() throws Exception {
    try (InMemoryLink link = link(Wire.MBAP, new ActionSpec.WrongTransactionId(new FieldOverride.Fixed(0x1234)))) {
      link.feed(Frames.mbap(3, 1, READ));
      assertThat(link.answersHex()).containsExactly(Hex.format(Frames.mbap(0x1234, 1, READ_ANSWER)));
    }
  }

  @ParameterizedTest
  @EnumSource(value = Wire.class, names = {"MBAP", "RTU"})
  void wrongUnitIdIsResealed(Wire wire) throws Exception {
    try (InMemoryLink link = link(wire, new ActionSpec.WrongUnitId(new FieldOverride.Fixed(9)))) {
      link.feed(wire.frame(3, 1, READ));
      assertThat(link.answersHex()).containsExactly(wire.hex(3, 9, READ_ANSWER));
    }
  }

  /**
   * On ASCII a field override writes the binary value over the field's first hex digit (AsciiFrameFormat, by
   * design: the client sees a corrupt answer), and the LRC is recomputed from the digit pairs still valid.
   */
  @Test
  void wrongUnitIdOnAsciiLeavesAMalformedFrame() throws Exception {
    try (InMemoryLink link = link(Wire.ASCII, new ActionSpec.WrongUnitId(new FieldOverride.Fixed(9)))) {
      link.feed(Frames.ascii(1, READ));
      byte[] expected = Frames.ascii(1, READ_ANSWER);
      expected[1] = 9; // ":" 0x09 '1' ...: the pair is no longer hex and counts as 0 in the LRC
      String lrc = String.format("%02X", Checksums.lrc(Hex.parse(READ_ANSWER)));
      expected[expected.length - 4] = (byte) lrc.charAt(0);
      expected[expected.length - 3] = (byte) lrc.charAt(1);
      assertThat(link.answersHex()).containsExactly(Hex.format(expected));
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void truncateKeepsTheFirstBytes(Wire wire) throws Exception {
    try (InMemoryLink link = link(wire, new ActionSpec.Truncate(new Cut.Bytes(3)))) {
      link.feed(wire.frame(3, 1, READ));
      byte[] full = wire.frame(3, 1, READ_ANSWER);
      assertThat(link.answersHex()).containsExactly(Hex.format(full, 0, 3));
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void splitResponseSendsPiecesWithGaps(Wire wire) throws Exception {
    try (InMemoryLink link = link(wire, ActionSpec.SplitResponse.at(Duration.ofMillis(10), 2))) {
      link.feed(wire.frame(3, 1, READ));
      byte[] full = wire.frame(3, 1, READ_ANSWER);
      List<LinkEvent.Sent> segments = link.segments();
      assertThat(segments).extracting(s -> Hex.format(s.bytes()))
          .containsExactly(Hex.format(full, 0, 2), Hex.format(full, 2, full.length - 2));
      assertThat(millis(segments.get(1).gapNanos())).isGreaterThanOrEqualTo(10);
      assertThat(link.events().getFirst()).isInstanceOf(LinkEvent.BeforeSegments.class);
      assertThat(link.answersHex()).containsExactly(Hex.format(full));
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void rawResponseReplacesTheAnswer(Wire wire) throws Exception {
    try (InMemoryLink link = link(wire, new ActionSpec.RawResponse(Hex.parse("DE AD BE EF")))) {
      link.feed(wire.frame(3, 1, READ));
      assertThat(link.answersHex()).containsExactly("DE AD BE EF");
    }
  }

  @Test
  void corruptCrcOnRtu() throws Exception {
    try (InMemoryLink link = link(Wire.RTU, ActionSpec.CorruptCrc.of(CrcCorruption.ZERO))) {
      link.feed(Frames.rtu(1, READ));
      byte[] expected = Frames.rtu(1, READ_ANSWER);
      expected[expected.length - 2] = 0;
      expected[expected.length - 1] = 0;
      assertThat(link.answersHex()).containsExactly(Hex.format(expected));
    }
  }

  @Test
  void corruptCrcXorOnRtu() throws Exception {
    try (InMemoryLink link = link(Wire.RTU, new ActionSpec.CorruptCrc(CrcCorruption.XOR, 0x00FF))) {
      link.feed(Frames.rtu(1, READ));
      byte[] expected = Frames.rtu(1, READ_ANSWER);
      expected[expected.length - 2] ^= (byte) 0xFF; // the low byte of the CRC goes first
      assertThat(link.answersHex()).containsExactly(Hex.format(expected));
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void closeConnectionAfterTheAnswer(Wire wire) throws Exception {
    for (CloseMode mode : CloseMode.values()) {
      try (InMemoryLink link = link(wire, ActionSpec.CloseConnection.afterRequests(1, mode))) {
        byte[] next = wire.frame(4, 1, READ);
        link.feed(Frames.concat(wire.frame(3, 1, READ), next));
        assertThat(link.answersHex()).as(mode.name()).containsExactly(wire.hex(3, 1, READ_ANSWER));
        assertThat(link.directive()).isEqualTo(mode.directive());
        assertThat(link.isReading()).isFalse();
        link.feed(next);
        assertThat(link.ignoredBytes()).isEqualTo(next.length);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void closeConnectionWithoutAnswering(Wire wire) throws Exception {
    try (InMemoryLink link = link(wire, new ActionSpec.CloseConnection(CloseMode.RST, 0, null, false))) {
      link.feed(wire.frame(3, 1, WRITE));
      assertThat(link.answers()).isEmpty();
      assertThat(devices.holding1(3)).isEqualTo(0x0103);
      assertThat(link.directive()).isEqualTo(ConnectionDirective.CLOSE_RST);
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void holdOpenStopsAnswering(Wire wire) throws Exception {
    try (InMemoryLink link = link(wire, new ActionSpec.HoldOpen())) {
      link.feed(Frames.concat(wire.frame(3, 1, READ), wire.frame(4, 1, READ)));
      assertThat(link.answers()).isEmpty();
      assertThat(link.directive()).isEqualTo(ConnectionDirective.HOLD_OPEN);
      assertThat(link.counters().requests()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void oneRequestAtATimeDiscardsWhatWasPipelined(Wire wire) throws Exception {
    try (InMemoryLink link = link(wire, new ActionSpec.OneRequestAtATime())) {
      byte[] second = wire.frame(4, 1, WRITE);
      link.feed(Frames.concat(wire.frame(3, 1, READ), second));
      assertThat(link.answersHex()).containsExactly(wire.hex(3, 1, READ_ANSWER));
      assertThat(link.discardedRequests()).isEqualTo(1);
      assertThat(devices.holding1(3)).isEqualTo(0x0103);
      // The discard comes before the answer's last (here: only) segment, covering the pipelined request.
      assertThat(link.events()).hasSize(2);
      assertThat(link.events().get(0)).isEqualTo(new LinkEvent.DiscardReceived(second.length));
      assertThat(link.events().get(1)).isInstanceOf(LinkEvent.Sent.class);
      // A request sent once the answer is there is served.
      link.feed(wire.frame(5, 1, READ));
      assertThat(link.answersHex()).hasSize(2).last().isEqualTo(wire.hex(5, 1, READ_ANSWER));
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void oneRequestAtATimeWithASplitAnswerDiscardsBeforeTheLastSegment(Wire wire) throws Exception {
    FaultPipeline faults = FaultPipeline.create(1);
    faults.add(FaultSpec.of("split", ActionSpec.SplitResponse.at(Duration.ofMillis(1), 2)));
    faults.add(FaultSpec.of("one", new ActionSpec.OneRequestAtATime()));
    try (InMemoryLink link = InMemoryLink.of(devices.dispatcher(), wire.codec(), faults)) {
      link.feed(Frames.concat(wire.frame(3, 1, READ), wire.frame(4, 1, READ)));
      List<Class<?>> kinds = link.events().stream().<Class<?>>map(Object::getClass).toList();
      assertThat(kinds).containsExactly(LinkEvent.BeforeSegments.class, LinkEvent.Sent.class,
          LinkEvent.DiscardReceived.class, LinkEvent.Sent.class);
      assertThat(link.discardedRequests()).isEqualTo(1);
      assertThat(Arrays.equals(link.answers().getFirst(), wire.frame(3, 1, READ_ANSWER))).isTrue();
    }
  }
}
