package dev.modbustoolkit.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Validation and value semantics of the plain data form. */
class SpecValidationTest {

  @Test
  void faultIdsMustNotBeBlank() {
    assertThatThrownBy(() -> FaultSpec.of(" ", new ActionSpec.HoldOpen())).hasMessageContaining("id");
  }

  @Test
  void connectionLevelActionsNeedServerScopeAndNoRequestFilters() {
    ActionSpec limit = new ActionSpec.ConnectionLimit(1, ConnectDecision.REFUSE);
    ActionSpec idle = new ActionSpec.IdleClose(Duration.ofSeconds(1), CloseMode.FIN);
    assertThatThrownBy(() -> new FaultSpec("l", limit, TriggerSpec.ALWAYS, Scope.CONNECTION))
        .hasMessageStartingWith("scope:");
    assertThatThrownBy(() -> FaultSpec.of("l", limit, TriggerSpec.builder().functionCodes(3).build()))
        .hasMessageStartingWith("trigger:");
    assertThatThrownBy(() -> FaultSpec.of("i", idle, TriggerSpec.builder().addresses(0, 1).build()))
        .hasMessageStartingWith("trigger:");
    // Connection-level filters are fine.
    assertThat(FaultSpec.of("l", limit, TriggerSpec.builder().remoteAddresses("::1").probability(0.5).build()))
        .isNotNull();
  }

  @Test
  void actionValuesAreRangeChecked() {
    assertThatThrownBy(() -> new ActionSpec.Delay(Duration.ofMillis(-1), Duration.ZERO)).hasMessageContaining("base");
    assertThatThrownBy(() -> new ActionSpec.Delay(Duration.ofDays(400), Duration.ZERO)).hasMessageContaining("base");
    assertThatThrownBy(() -> new ActionSpec.LateResponse(Duration.ZERO)).hasMessageContaining("after");
    assertThatThrownBy(() -> new ActionSpec.DuplicateResponse(0, Duration.ZERO)).hasMessageContaining("copies");
    assertThatThrownBy(() -> new ActionSpec.WrongUnitId(new FieldOverride.ByteSwap())).hasMessageContaining("swap");
    assertThatThrownBy(() -> new ActionSpec.WrongFunctionCode(new FieldOverride.Fixed(256)))
        .hasMessageContaining("256");
    assertThatThrownBy(() -> new ActionSpec.WrongByteCount(new FieldOverride.ByteSwap())).hasMessageContaining("swap");
    assertThatThrownBy(() -> new FieldOverride.Offset(0)).hasMessageContaining("offset");
    assertThatThrownBy(() -> new Cut.Percent(100)).hasMessageContaining("percent");
    assertThatThrownBy(() -> new ByteSource.Given(new byte[0])).hasMessageContaining("bytes");
    assertThatThrownBy(() -> new ActionSpec.SplitResponse(List.of(), 1, Duration.ZERO)).hasMessageContaining("parts");
    assertThatThrownBy(() -> new ActionSpec.SplitResponse(List.of(2), 2, Duration.ZERO)).hasMessageContaining("both");
    assertThatThrownBy(() -> new ActionSpec.CorruptCrc(CrcCorruption.XOR, 0)).hasMessageContaining("mask");
    assertThatThrownBy(() -> new ActionSpec.InterCharacterGap(0, 2)).hasMessageContaining("position");
    assertThatThrownBy(() -> new ActionSpec.InterCharacterGap(1, 1.5)).hasMessageContaining("1.5");
    assertThatThrownBy(() -> new ActionSpec.InterFrameViolation(3.5)).hasMessageContaining("3.5");
    assertThatThrownBy(() -> new ActionSpec.ConnectionLimit(1, ConnectDecision.ACCEPT)).hasMessageContaining("policy");
    assertThatThrownBy(() -> new ActionSpec.CloseConnection(CloseMode.FIN, -1, null, true))
        .hasMessageContaining("afterRequests");
  }

  @Test
  void requestInfoAcceptsEveryWireValueAndRejectsTheRest() {
    assertThat(RequestInfo.of(255, 255, 65535, 1).hasAddressRange()).isTrue();
    assertThat(RequestInfo.withoutAddresses(0, 7).hasAddressRange()).isFalse();
    assertThatThrownBy(() -> RequestInfo.of(256, 3, 0, 1)).hasMessageContaining("unitId");
    assertThatThrownBy(() -> RequestInfo.of(1, 3, 65536, 1)).hasMessageContaining("startAddress");
    assertThatThrownBy(() -> RequestInfo.of(1, 3, 0, -2)).hasMessageContaining("quantity");
  }

  @Test
  void arraysAreCopiedAndComparedByContent() {
    byte[] raw = {1, 2, 3};
    ActionSpec.RawResponse r = new ActionSpec.RawResponse(raw);
    raw[0] = 9;
    assertThat(r.bytes()).containsExactly(1, 2, 3);
    assertThat(r).isEqualTo(new ActionSpec.RawResponse(new byte[] {1, 2, 3}));
    assertThat(r.toString()).contains("010203");
    Segment s = new Segment(new byte[] {4, 5}, 10);
    s.bytes()[0] = 0;
    assertThat(s.bytes()).containsExactly(4, 5);
    assertThat(s.buffer().isReadOnly()).isTrue();
    assertThat(s).isEqualTo(new Segment(new byte[] {4, 5}, 10)).isNotEqualTo(new Segment(new byte[] {4, 5}, 11));
    assertThatThrownBy(() -> new Segment(new byte[0], -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fieldOverridesOnEightAndSixteenBits() {
    SplittableRandom random = new SplittableRandom(1);
    assertThat(new FieldOverride.Fixed(0x1FF).apply(0, 8, random)).isEqualTo(0xFF);
    assertThat(new FieldOverride.Offset(-1).apply(0, 8, random)).isEqualTo(0xFF);
    assertThat(new FieldOverride.Offset(1).apply(0xFFFF, 16, random)).isZero();
    assertThat(new FieldOverride.ByteSwap().apply(0x1234, 16, random)).isEqualTo(0x3412);
    for (int i = 0; i < 1000; i++) {
      assertThat(new FieldOverride.Random().apply(7, 8, random)).isNotEqualTo(7).isBetween(0, 255);
    }
  }

  @Test
  void cutsAlwaysLeaveTheFrameShorter() {
    assertThat(new Cut.Bytes(100).keep(10, TestFormats.RTU)).isEqualTo(9);
    assertThat(new Cut.Percent(0).keep(10, TestFormats.RTU)).isZero();
    assertThat(new Cut.Percent(99).keep(10, TestFormats.RTU)).isEqualTo(9);
    assertThat(new Cut.HeaderOnly().keep(13, TestFormats.MBAP)).isEqualTo(7);
    assertThat(new Cut.HeaderOnly().keep(5, TestFormats.MBAP)).isEqualTo(4);
    assertThat(new Cut.Bytes(3).keep(0, TestFormats.MBAP)).isZero();
  }

  @Test
  void aThirdPartyTransportDescribesItselfAndIsValidated() {
    Transport custom = new Transport("my-link", true, false, true);
    assertThat(custom.isConnectionOriented()).isTrue();
    assertThat(custom).hasToString("my-link");
    assertThatThrownBy(() -> new Transport(" ", true, false, true)).hasMessageContaining("blank");
    assertThatThrownBy(() -> new Transport("both", true, true, true)).hasMessageContaining("both");
  }

  @Test
  void transportFamilies() {
    assertThat(Transport.TCP.isConnectionOriented()).isTrue();
    assertThat(Transport.RTU_OVER_TCP.isConnectionOriented()).isTrue();
    assertThat(Transport.RTU.isConnectionOriented()).isFalse();
    assertThat(Transport.TCP.isSerialFraming()).isFalse();
    assertThat(Transport.ASCII.isSerialFraming()).isTrue();
    // ASCII over TCP is a connection: every connection action applies to it (it was labelled ASCII, a line).
    assertThat(Transport.ASCII_OVER_TCP.isConnectionOriented()).isTrue();
    assertThat(Transport.ASCII_OVER_TCP.isSerialFraming()).isTrue();
    assertThat(Transport.UDP.isConnectionOriented()).isFalse();
    assertThat(Transport.UDP.mbapHeader()).isTrue();
    assertThat(CloseMode.RST.directive()).isEqualTo(ConnectionDirective.CLOSE_RST);
    assertThat(ConnectionDirective.CLOSE_RST.closes()).isTrue();
    assertThat(ConnectionDirective.HOLD_OPEN.closes()).isFalse();
  }

  @Test
  void crc16MatchesTheModbusSpecExample() {
    // Modbus over serial line, appendix B: 01 03 00 00 00 0A -> CRC bytes C5 CD.
    byte[] f = TestFormats.hex("010300000 00A C5CD".replace(" ", ""));
    assertThat(Crc16.valid(f)).isTrue();
  }
}
