package dev.modbustoolkit.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.fault.RequestInfo;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Trigger fields read from raw PDU bytes inside a larger buffer. */
class RequestInfosTest {
  /** The PDU placed at offset 9 of a buffer holding other bytes around it. */
  private static RequestInfo of(String pduHex) {
    byte[] pdu = HexFormat.of().parseHex(pduHex);
    ByteBuffer buffer = ByteBuffer.allocate(64);
    buffer.put(new byte[9]).put(pdu).put(HexFormat.of().parseHex("ffffffff"));
    return RequestInfos.of(17, buffer, 9, pdu.length, 4);
  }

  @Test
  void rangeRequestsGiveAddressAndQuantity() {
    assertThat(of("03006b0003")).isEqualTo(new RequestInfo(17, 3, 0x6B, 3, 4));
    assertThat(of("01ffff0001")).isEqualTo(new RequestInfo(17, 1, 0xFFFF, 1, 4));
    assertThat(of("10000100020400000000")).isEqualTo(new RequestInfo(17, 0x10, 1, 2, 4));
    assertThat(of("0f0013000a020000")).isEqualTo(new RequestInfo(17, 0x0F, 0x13, 10, 4));
  }

  @Test
  void singleAddressWritesCoverOneAddress() {
    assertThat(of("0500acff00")).isEqualTo(new RequestInfo(17, 5, 0xAC, 1, 4));
    assertThat(of("0600010003")).isEqualTo(new RequestInfo(17, 6, 1, 1, 4));
    assertThat(of("16000400f20025")).isEqualTo(new RequestInfo(17, 0x16, 4, 1, 4));
  }

  @Test
  void readWriteMultipleReportsItsReadRange() {
    assertThat(of("170003000600" + "0e0003" + "06" + "00ff00ff00ff")).isEqualTo(new RequestInfo(17, 0x17, 3, 6, 4));
  }

  @Test
  void functionCodesWithoutARangeOrTooShortPdusHaveNone() {
    assertThat(of("07").hasAddressRange()).isFalse();
    assertThat(of("08000000").hasAddressRange()).isFalse();
    assertThat(of("2b0e0100").hasAddressRange()).isFalse();
    assertThat(of("0300")).isEqualTo(new RequestInfo(17, 3, 0, RequestInfo.NO_ADDRESS_RANGE, 4));
    // Reading stops at the PDU's end even though the buffer has bytes after it.
    assertThat(of("03006b")).isEqualTo(new RequestInfo(17, 3, 0, RequestInfo.NO_ADDRESS_RANGE, 4));
  }

  @Test
  void theEmptyPipelineDescriptionIsSharedPerUnit() {
    assertThat(RequestInfos.unplanned(5)).isSameAs(RequestInfos.unplanned(5));
    assertThat(RequestInfos.unplanned(255).unitId()).isEqualTo(255);
    assertThat(RequestInfos.unplanned(5).hasAddressRange()).isFalse();
  }
}
