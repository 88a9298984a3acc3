package dev.modbustoolkit.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decode logging per layer, switched at run time. */
class DecodeLogTest {
  private static final HexFormat HEX = HexFormat.of();
  private final List<String> entries = new ArrayList<>();
  private final DecodeLog log = new DecodeLog(DecodeLevel.NOTHING, entries::add);

  @Test
  void levelsParseFromACommandLineAndNameABadLayer() {
    assertThat(DecodeLevel.parse("pdu")).isEqualTo(new DecodeLevel(true, false, false));
    assertThat(DecodeLevel.parse("Frame, RAW")).isEqualTo(new DecodeLevel(false, true, true));
    assertThat(DecodeLevel.parse("all")).isEqualTo(new DecodeLevel(true, true, true));
    assertThat(DecodeLevel.parse("none")).isEqualTo(DecodeLevel.NOTHING);
    assertThat(DecodeLevel.NOTHING.any()).isFalse();
    assertThatThrownBy(() -> DecodeLevel.parse("pdu,bytes")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bytes'");
  }

  @Test
  void eachLayerLogsOnlyWhileItIsOn() {
    ByteBuffer frame = ByteBuffer.wrap(HEX.parseHex("000100000006010300000002"));
    ByteBuffer pdu = frame.duplicate().position(7);
    log.raw("link", true, frame.array(), 0, 12);
    log.frame("link", true, frame, 0, 12);
    log.request("link", 1, pdu);
    assertThat(entries).isEmpty();

    log.setLevel(DecodeLevel.parse("raw"));
    log.raw("link", true, frame.array(), 0, 12);
    assertThat(entries).containsExactly("link <- 12 bytes: 00 01 00 00 00 06 01 03 00 00 00 02");

    entries.clear();
    log.setLevel(DecodeLevel.parse("frame,pdu"));
    log.raw("link", true, frame.array(), 0, 12);
    log.frame("link", true, frame, 0, 12);
    log.request("link", 1, pdu);
    assertThat(entries).containsExactly("link <- frame 00 01 00 00 00 06 01 03 00 00 00 02",
        "link <- unit 1 ReadHoldingRegistersRequest[address=0, quantity=2]");
    // Logging moved nothing.
    assertThat(pdu.position()).isEqualTo(7);
  }

  @Test
  void anAnswerIsDecodedAndAnUndecodablePduIsShownAsHex() {
    log.setLevel(DecodeLevel.parse("pdu"));
    ByteBuffer out = ByteBuffer.wrap(HEX.parseHex("ffff" + "8302"));
    log.answer("link", 1, out, 2, 2);
    log.request("link", 1, ByteBuffer.wrap(HEX.parseHex("0300")));
    assertThat(entries.get(0)).isEqualTo("link -> unit 1 ExceptionResponse[functionCode=3, exceptionCode=2]");
    assertThat(entries.get(1)).startsWith("link <- unit 1 undecodable PDU 03 00 (");
  }
}
