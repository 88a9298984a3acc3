package dev.modbustoolkit.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** FC16's formula: result = (current AND and_mask) OR (or_mask AND NOT and_mask). */
class MaskWriteRegisterTest {

  @Test
  void specExampleOnRequestAndEcho() {
    // Spec V1.1b3 6.16: current 0x12, AND 0xF2, OR 0x25 -> 0x17.
    assertThat(new MaskWriteRegisterRequest(4, 0x00F2, 0x0025).apply(0x0012)).isEqualTo(0x0017);
    assertThat(new MaskWriteRegisterResponse(4, 0x00F2, 0x0025).apply(0x0012)).isEqualTo(0x0017);
  }

  @Test
  void andMaskAllOnesKeepsTheRegisterAndAllZerosTakesTheOrMask() {
    assertThat(new MaskWriteRegisterRequest(0, 0xFFFF, 0x1234).apply(0xABCD)).isEqualTo(0xABCD);
    assertThat(new MaskWriteRegisterRequest(0, 0x0000, 0x1234).apply(0xABCD)).isEqualTo(0x1234);
    assertThat(new MaskWriteRegisterRequest(0, 0xFF00, 0x00FF).apply(0x5A5A)).isEqualTo(0x5AFF);
    assertThat(new MaskWriteRegisterResponse(0, 0x0F0F, 0xF0F0).apply(0x0000)).isEqualTo(0xF0F0);
  }

  @Test
  void reportServerIdDataLengthCountsEveryByte() {
    ReportServerIdResponse response = ReportServerIdResponse.of(new byte[] {0x11, 0x22}, true, new byte[] {0x33});
    assertThat(response.dataLength()).isEqualTo(4);
    assertThat(response.data()).containsExactly(0x11, 0x22, 0xFF, 0x33);
  }
}
