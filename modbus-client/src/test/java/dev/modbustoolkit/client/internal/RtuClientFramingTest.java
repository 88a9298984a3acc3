package dev.modbustoolkit.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.serial.RtuFrameEncoder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RTU answers in a stream and on a serial line: by length and CRC, and at silence for unknown lengths. */
class RtuClientFramingTest {
  private static byte[] frame(int unit, int... pdu) {
    byte[] p = new byte[pdu.length];
    for (int i = 0; i < pdu.length; i++) {
      p[i] = (byte) pdu[i];
    }
    byte[] out = new byte[RtuFrameEncoder.frameLength(p.length)];
    int length = RtuFrameEncoder.encode(unit, p, 0, p.length, out, 0);
    return Arrays.copyOf(out, length);
  }

  @Test
  void aKnownLengthEndsAtItsLastByteWithoutWaitingForSilence() {
    byte[] answer = frame(1, 0x03, 0x02, 0x12, 0x34);
    for (RtuClientFraming framing : new RtuClientFraming[] {new RtuClientFraming(), RtuClientFraming.forSerialLine()}) {
      assertThat(framing.scan(answer, 0, answer.length - 1, -1)).isZero();
      assertThat(framing.scan(answer, 0, answer.length, -1)).isEqualTo(answer.length);
      assertThat(framing.pdu(answer, 0, answer.length)).containsExactly(0x03, 0x02, 0x12, 0x34);
    }
  }

  @Test
  void onASerialLineAnUnknownLengthWaitsForTheSilenceEvenWhenAPrefixMatchesACrc() {
    byte[] answer = frame(1, 65, 9, 8, 7, 6, 5);
    // Bytes that happen to end in a valid CRC part way through: the stream framing takes that prefix.
    byte[] prefix = frame(1, 65, 9);
    byte[] glued = new byte[prefix.length + 3];
    System.arraycopy(prefix, 0, glued, 0, prefix.length);
    glued[prefix.length] = 1;
    glued[prefix.length + 1] = 2;
    glued[prefix.length + 2] = 3;
    assertThat(new RtuClientFraming().scan(glued, 0, glued.length, -1)).isEqualTo(prefix.length);

    RtuClientFraming serial = RtuClientFraming.forSerialLine();
    assertThat(serial.scan(glued, 0, glued.length, -1)).as("waits for the silence").isZero();
    assertThat(serial.scanAtSilence(glued, 0, glued.length, -1)).as("no CRC over all of it: noise")
        .isEqualTo(-glued.length);
    assertThat(serial.scan(answer, 0, answer.length, -1)).isZero();
    assertThat(serial.scanAtSilence(answer, 0, answer.length, -1)).isEqualTo(answer.length);
    assertThat(serial.pdu(answer, 0, answer.length)).containsExactly(65, 9, 8, 7, 6, 5);
  }

  @Test
  void theRequestToldLengthStillWinsOverSilence() {
    byte[] echo = frame(1, 0x08, 0x00, 0x00, 0xA5, 0x5A); // FC 08 echoes its request
    RtuClientFraming serial = RtuClientFraming.forSerialLine();
    assertThat(serial.scan(echo, 0, echo.length, 5)).isEqualTo(echo.length);
  }

  @Test
  void tooFewBytesAtSilenceAreDropped() {
    byte[] stub = {1, 65, 3};
    assertThat(RtuClientFraming.forSerialLine().scanAtSilence(stub, 0, stub.length, -1)).isEqualTo(-3);
    assertThat(new AsciiClientFraming().scanAtSilence(stub, 0, stub.length, -1)).as("ASCII ends at LF, not silence")
        .isZero();
  }
}
