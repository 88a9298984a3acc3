package dev.modbustoolkit.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ModbusCrc16Properties {

  @Property
  void anAppendedCrcMatches(@ForAll @Size(min = 1, max = 254) byte[] body) {
    byte[] frame = Arrays.copyOf(body, body.length + 2);
    ModbusCrc16.append(frame, 0, body.length);
    assertThat(ModbusCrc16.matches(frame, 0, frame.length)).isTrue();
  }

  @Property
  void everySingleBitErrorIsDetected(
      @ForAll @Size(min = 1, max = 254) byte[] body, @ForAll @IntRange(min = 0, max = 100_000) int bitSeed) {
    byte[] frame = Arrays.copyOf(body, body.length + 2);
    ModbusCrc16.append(frame, 0, body.length);
    int bit = bitSeed % (frame.length * 8);
    frame[bit / 8] ^= (byte) (1 << (bit % 8));
    assertThat(ModbusCrc16.matches(frame, 0, frame.length)).isFalse();
  }

  /** The oracle: the bitwise definition (spec 6.2.2), independent of production's table. */
  @Property
  void tableDrivenEqualsBitwise(@ForAll @Size(max = 300) byte[] bytes) {
    int crc = 0xFFFF;
    for (byte b : bytes) {
      crc ^= Byte.toUnsignedInt(b);
      for (int i = 0; i < 8; i++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      }
    }
    assertThat(ModbusCrc16.compute(bytes)).isEqualTo(crc);
    // the ByteBuffer variant, heap and direct, at an offset
    java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(bytes.length + 3);
    direct.put(3, bytes);
    assertThat(ModbusCrc16.compute(direct, 3, bytes.length)).isEqualTo(crc);
    assertThat(ModbusCrc16.compute(java.nio.ByteBuffer.wrap(bytes), 0, bytes.length)).isEqualTo(crc);
  }
}
