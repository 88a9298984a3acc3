package dev.modbustoolkit.testkit.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.Cut;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ModbusPduCodec;
import dev.modbustoolkit.server.core.ForwardAnswer;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.UnitRoute;
import dev.modbustoolkit.testkit.Frames;
import dev.modbustoolkit.testkit.Hex;
import dev.modbustoolkit.testkit.InMemoryLink;
import dev.modbustoolkit.testkit.LinkEvent;
import dev.modbustoolkit.transport.DecodeLevel;
import dev.modbustoolkit.transport.DecodeLog;
import dev.modbustoolkit.transport.Exchange;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The parts of an exchange the framing tests leave out (PIT found them unpinned): what its decode log writes per
 * layer and how it names the link, the framing of a forwarded answer, the transport's own negative dispatch
 * values, and which faulted requests count as answered and which as suppressed.
 */
class ExchangeEdgesTest {
  private static final HexFormat LOG_HEX = HexFormat.ofDelimiter(" ");
  private static final String READ = "03 00 01 00 02";
  private static final String READ_ANSWER = "03 04 01 01 01 02";

  private final Devices devices = Devices.create();
  private final List<String> entries = new ArrayList<>();

  /** How the in-memory link's exchange names itself: MBAP gets the TCP context, the bus framings a serial one. */
  private static String name(Wire wire) {
    String codec = wire.codec().toString();
    return wire == Wire.MBAP ? codec + " #1 127.0.0.1:50000" : codec + " in-memory " + codec;
  }

  private InMemoryLink logged(Wire wire, FaultPipeline faults, String level) {
    return InMemoryLink.of(devices.dispatcher(), wire.codec(), faults, new DecodeLog(DecodeLevel.parse(level),
        entries::add));
  }

  private static String response(String pduHex) {
    return ModbusPduCodec.decodeResponse(ByteBuffer.wrap(Hex.parse(pduHex))).toString();
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void theDecodeLogNamesTheLinkAndWritesFrameAndPduOfBothDirections(Wire wire) throws Exception {
    try (InMemoryLink link = logged(wire, FaultPipeline.empty(), "pdu,frame")) {
      link.feed(wire.frame(7, 1, READ));
      assertThat(link.answersHex()).containsExactly(wire.hex(7, 1, READ_ANSWER));
      String name = name(wire);
      assertThat(entries).containsExactly(
          name + " <- frame " + LOG_HEX.formatHex(wire.frame(7, 1, READ)),
          name + " <- unit 1 ReadHoldingRegistersRequest[address=1, quantity=2]",
          name + " -> unit 1 " + response(READ_ANSWER),
          name + " -> frame " + LOG_HEX.formatHex(wire.frame(7, 1, READ_ANSWER)));
      assertThat(link.exchange()).hasToString("Exchange[" + name + "]");
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void eachLayerIsLoggedAloneAndNothingWhileTheLogIsOff(Wire wire) throws Exception {
    try (InMemoryLink link = logged(wire, FaultPipeline.empty(), "none")) {
      link.feed(wire.frame(7, 1, READ));
      assertThat(entries).isEmpty();
    }
    try (InMemoryLink link = logged(wire, FaultPipeline.empty(), "pdu")) {
      link.feed(wire.frame(7, 1, READ));
      assertThat(entries).hasSize(2).allSatisfy(e -> assertThat(e).contains(" unit 1 ").doesNotContain("frame"));
    }
    entries.clear();
    try (InMemoryLink link = logged(wire, FaultPipeline.empty(), "frame")) {
      link.feed(wire.frame(7, 1, READ));
      assertThat(entries).hasSize(2).allSatisfy(e -> assertThat(e).contains(" frame ").doesNotContain("unit"));
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void aFaultedAnswerIsLoggedAsAPduTheBytesSentAreTheRawLayers(Wire wire) throws Exception {
    FaultPipeline faults = FaultPipeline.create(1);
    faults.add(FaultSpec.of("busy", new ActionSpec.RespondWithException(ExceptionCode.SERVER_DEVICE_BUSY)));
    try (InMemoryLink link = logged(wire, faults, "all")) {
      link.feed(wire.frame(7, 1, READ));
      assertThat(link.answersHex()).containsExactly(wire.hex(7, 1, "83 06"));
      String name = name(wire);
      // A fault may mangle the frame after sealing, so the frame layer does not claim to know what went out.
      assertThat(entries).containsExactly(
          name + " <- frame " + LOG_HEX.formatHex(wire.frame(7, 1, READ)),
          name + " <- unit 1 ReadHoldingRegistersRequest[address=1, quantity=2]",
          name + " -> unit 1 " + response("83 06"));
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void aForwardedAnswerIsFramedWhereTheBufferStands(Wire wire) {
    try (InMemoryLink link = logged(wire, FaultPipeline.empty(), "pdu,frame")) {
      Exchange exchange = link.exchange();
      ByteBuffer out = ByteBuffer.allocate(wire.codec().maxFrameLength() + 3).position(3);
      int n = exchange.frameAnswer(7, 1, 3, ForwardAnswer.response(Hex.parse("03 02 12 34")), out);
      byte[] expected = wire.frame(7, 1, "03 02 12 34");
      assertThat(n).isEqualTo(expected.length);
      assertThat(out.position()).isEqualTo(3 + n);
      assertThat(Arrays.copyOfRange(out.array(), 3, 3 + n)).isEqualTo(expected);
      assertThat(entries).containsExactly(name(wire) + " -> unit 1 " + response("03 02 12 34"),
          name(wire) + " -> frame " + LOG_HEX.formatHex(expected));

      out.clear().position(5);
      n = exchange.frameAnswer(8, 2, 0x10,
          ForwardAnswer.exception(ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND), out);
      expected = wire.frame(8, 2, "90 0B");
      assertThat(n).isEqualTo(expected.length);
      assertThat(Arrays.copyOfRange(out.array(), 5, 5 + n)).isEqualTo(expected);

      entries.clear();
      out.clear().position(4);
      assertThat(exchange.frameAnswer(9, 1, 3, ForwardAnswer.none(), out)).isZero();
      assertThat(out.position()).isEqualTo(4);
      assertThat(entries).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void aDispatchOfTheTransportsOwnSealsItsPduAndHandsNegativeValuesBack(Wire wire) {
    try (InMemoryLink link = InMemoryLink.of(devices.dispatcher(), wire.codec())) {
      Exchange exchange = link.exchange();
      ByteBuffer in = ByteBuffer.wrap(wire.frame(7, 1, READ));
      UnitRoute route = exchange.route(in, 0);
      ByteBuffer out = ByteBuffer.allocate(wire.codec().maxFrameLength() + 2).position(2);

      assertThat(exchange.answer(in, 0, in.capacity(), out, route, (t, r, pdu, target, pending) -> -7))
          .isEqualTo(-7);
      assertThat(out.position()).isEqualTo(2);
      assertThat(exchange.answer(in, 0, in.capacity(), out, route,
          (t, r, pdu, target, pending) -> ModbusDispatcher.NO_RESPONSE)).isZero();
      assertThat(out.position()).isEqualTo(2);

      int n = exchange.answer(in, 0, in.capacity(), out, route, (t, r, pdu, target, pending) -> {
        assertThat(t).isEqualTo(wire == Wire.MBAP ? 7 : 0);
        assertThat(pending).isEqualTo(2);
        assertThat(pdu.remaining()).isEqualTo(5);
        target.put(Hex.parse("03 02 AB CD"));
        return 4;
      });
      byte[] expected = wire.frame(7, 1, "03 02 AB CD");
      assertThat(n).isEqualTo(expected.length);
      assertThat(out.position()).isEqualTo(2 + n);
      assertThat(Arrays.copyOfRange(out.array(), 2, 2 + n)).isEqualTo(expected);
    }
  }

  private InMemoryLink faulted(Wire wire, ActionSpec action) {
    FaultPipeline faults = FaultPipeline.create(1);
    faults.add(FaultSpec.of("under-test", action));
    return InMemoryLink.of(devices.dispatcher(), wire.codec(), faults);
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void faultedRequestsCountAsAnsweredOrSuppressed(Wire wire) throws Exception {
    try (InMemoryLink link = faulted(wire, new ActionSpec.RespondWithException(ExceptionCode.SERVER_DEVICE_BUSY))) {
      link.feed(wire.frame(1, 1, READ));
      assertThat(link.counters().faultedAnswersSent()).isEqualTo(1);
      assertThat(link.counters().faultedAnswersSuppressed()).isZero();
    }
    try (InMemoryLink link = faulted(wire, new ActionSpec.NoResponse(false))) {
      link.feed(wire.frame(1, 1, READ));
      assertThat(link.counters().faultedAnswersSent()).isZero();
      assertThat(link.counters().faultedAnswersSuppressed()).isEqualTo(1);
    }
    // Dispatched, answer built, then dropped: suppressed all the same.
    try (InMemoryLink link = faulted(wire, new ActionSpec.NoResponse(true))) {
      link.feed(wire.frame(1, 1, "06 00 03 AB CD"));
      assertThat(devices.holding1(3)).isEqualTo(0xABCD);
      assertThat(link.answers()).isEmpty();
      assertThat(link.counters().faultedAnswersSent()).isZero();
      assertThat(link.counters().faultedAnswersSuppressed()).isEqualTo(1);
    }
    // Cut to nothing: no segment is sent, so nothing was delivered.
    try (InMemoryLink link = faulted(wire, new ActionSpec.Truncate(new Cut.Bytes(0)))) {
      link.feed(wire.frame(1, 1, READ));
      assertThat(link.segments()).isEmpty();
      assertThat(link.counters().faultedAnswersSent()).isZero();
      assertThat(link.counters().faultedAnswersSuppressed()).isEqualTo(1);
    }
  }

  @Test
  void aFaultedBroadcastIsExecutedAndNotCountedAsSuppressed() throws Exception {
    try (InMemoryLink link = faulted(Wire.RTU, new ActionSpec.Delay(Duration.ofMillis(1), Duration.ZERO))) {
      link.feed(Wire.RTU.frame(0, 0, "06 00 03 AB CD"));
      assertThat(devices.holding1(3)).isEqualTo(0xABCD);
      assertThat(devices.holding2(3)).isEqualTo(0xABCD);
      assertThat(link.answers()).isEmpty();
      assertThat(link.counters().faultedRequests()).isEqualTo(1);
      assertThat(link.counters().faultedAnswersSent()).isZero();
      assertThat(link.counters().faultedAnswersSuppressed()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void oneRequestAtATimeDiscardsThePipelinedRequestsOfAnUnansweredOne(Wire wire) throws Exception {
    FaultPipeline faults = FaultPipeline.create(1);
    faults.add(FaultSpec.of("lost", new ActionSpec.NoResponse(false)));
    faults.add(FaultSpec.of("one", new ActionSpec.OneRequestAtATime()));
    try (InMemoryLink link = InMemoryLink.of(devices.dispatcher(), wire.codec(), faults)) {
      byte[] second = wire.frame(4, 1, "06 00 03 AB CD");
      link.feed(Frames.concat(wire.frame(3, 1, READ), second));
      assertThat(link.answers()).isEmpty();
      assertThat(link.events()).containsExactly(new LinkEvent.DiscardReceived(second.length));
      assertThat(link.discardedRequests()).isEqualTo(1);
      assertThat(devices.holding1(3)).isEqualTo(0x0103);
    }
  }

  @ParameterizedTest
  @EnumSource(Wire.class)
  void oneRequestAtATimeDiscardsThePipelinedRequestsOfAnAnswerCutToNothing(Wire wire) throws Exception {
    FaultPipeline faults = FaultPipeline.create(1);
    faults.add(FaultSpec.of("cut", new ActionSpec.Truncate(new Cut.Bytes(0))));
    faults.add(FaultSpec.of("one", new ActionSpec.OneRequestAtATime()));
    try (InMemoryLink link = InMemoryLink.of(devices.dispatcher(), wire.codec(), faults)) {
      byte[] second = wire.frame(4, 1, READ);
      link.feed(Frames.concat(wire.frame(3, 1, READ), second));
      assertThat(link.events()).containsExactly(new LinkEvent.DiscardReceived(second.length));
      assertThat(link.discardedRequests()).isEqualTo(1);
    }
  }
}
