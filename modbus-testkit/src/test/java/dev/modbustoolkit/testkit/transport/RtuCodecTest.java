package dev.modbustoolkit.testkit.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.testkit.Feeding;
import dev.modbustoolkit.testkit.Frames;
import dev.modbustoolkit.testkit.Hex;
import dev.modbustoolkit.testkit.InMemoryLink;
import dev.modbustoolkit.transport.FrameCodec;
import dev.modbustoolkit.transport.FrameCodecs;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RTU over a stream, where frames are found by length and CRC alone: a frame that lies inside another by chance
 * (its bytes carry a matching CRC) must not be served in the real one's stead, however the bytes are cut into reads.
 * Every stream here is framed by the test kit's own CRC, and the chance frames were found by computing it.
 */
class RtuCodecTest {
  private static final Wire WIRE = Wire.RTU;
  private final Devices devices = Devices.create();

  @Test
  void aWriteFedOneByteAtATimeIsServedThoughAFrameLiesInsideItByChance() throws Exception {
    // Found by RtuCodecProperties under stress: "00 14 01 B3 00 05" inside it is a complete FC14 frame to unit 0.
    byte[] request = Frames.rtu(1, "10 00 00 00 03 06 00 14 01 B3 00 05");
    assertThat(Hex.format(request)).isEqualTo(Hex.format(Hex.parse("01 10 0000 0003 06 0014 01B3 0005 E69B")));
    try (InMemoryLink link = InMemoryLink.of(devices.dispatcher(), WIRE.codec())) {
      link.feed(request, Feeding.ONE_BYTE_AT_A_TIME);
      assertThat(link.answersHex()).containsExactly(WIRE.hex(0, 1, "10 00 00 00 03"));
      assertThat(devices.holding1(0)).isEqualTo(0x0014);
      assertThat(devices.holding1(1)).isEqualTo(0x01B3);
      assertThat(devices.holding1(2)).isEqualTo(0x0005);
      assertThat(link.droppedFrames()).isZero();
    }
  }

  @Test
  void aReadSplitInTwoIsServedThoughItsFirstSixBytesEndAFrameByChance() throws Exception {
    // Address 0x0107 and quantity 0x41E2: bytes 2..5 are "01 07 41 E2", an FC07 request to unit 1 with its CRC.
    byte[] request = Frames.rtu(1, "03 01 07 41 E2");
    assertThat(Hex.format(request)).isEqualTo(Hex.format(Hex.parse("01 03 01 07 41 E2 45 EE")));
    try (InMemoryLink link = InMemoryLink.of(devices.dispatcher(), WIRE.codec())) {
      link.feed(request, Feeding.chunks(6, 2));
      // The quantity is over 125: exception 03, as fed whole; never the FC07 answer.
      assertThat(link.answersHex()).containsExactly(WIRE.hex(0, 1, "83 03"));
      assertThat(link.droppedFrames()).isZero();
    }
  }

  @Test
  void garbageOfUnknownLengthDoesNotSwallowTheFrameAfterItWhenFedWhole() throws Exception {
    // "01 41 00 00" (FC 0x41: user-defined, no length) before a read, then two bytes that make a CRC match from the
    // garbage's start to the end: taken whole, that match would end the garbage as an FC41 request and lose the read.
    byte[] read = Frames.rtu(1, "03 00 02 00 01");
    byte[] stream = Frames.concat(Hex.parse("01 41 00 00"), read, Hex.parse("88 F7"));
    assertThat(Hex.format(Frames.rtu(1, "41 00 00 01 03 00 02 00 01 25 CA"))).isEqualTo(Hex.format(stream));
    for (Feeding feeding : new Feeding[] {Feeding.WHOLE, Feeding.ONE_BYTE_AT_A_TIME}) {
      try (InMemoryLink link = InMemoryLink.of(Devices.create().dispatcher(), WIRE.codec())) {
        link.feed(stream, feeding);
        assertThat(link.answersHex()).as("fed %s", feeding).containsExactly(WIRE.hex(0, 1, "03 02 01 02"));
      }
    }
  }

  @Test
  void aBroadcastReadByChanceInsideGarbageDoesNotSwallowTheRequestAfterIt() throws Exception {
    // Found by RtuCodecProperties (seed 7486346999082086780): after the garbage byte 00, "00 0C 01 B5" is a
    // complete frame with a matching CRC (a broadcast FC0C) one byte before the FC06 write that follows is
    // complete. Fed a byte at a time it ended the garbage there and lost the write; fed whole, the write was found.
    // A broadcast is a write (Serial Line 2.1): a broadcast read inside garbage is no frame.
    byte[] stream = Frames.concat(Hex.parse("00"), Frames.rtu(1, "06 00 0C 01 B5"));
    assertThat(Hex.parse("00 0C 01 B5")).isEqualTo(Frames.rtu(0, "0C"));
    for (Feeding feeding : List.of(Feeding.WHOLE, Feeding.ONE_BYTE_AT_A_TIME)) {
      try (InMemoryLink link = InMemoryLink.of(devices.dispatcher(), WIRE.codec())) {
        link.feed(stream, feeding);
        assertThat(link.answersHex()).as("fed %s", feeding).containsExactly(WIRE.hex(0, 1, "06 00 0C 01 B5"));
      }
    }
  }

  @Test
  void garbageRefutedBeforeTheFrameAfterItHasArrivedWaitsForThatFrame() throws Exception {
    // "01 01" is an FC01 read refuted by its CRC once eight bytes are in, before the read after the garbage is
    // complete; one byte on, "01 14 07" claims twelve bytes as an FC14 request, the read's among them. Fed whole,
    // the read is found at once: fed a byte at a time, it must be found too.
    byte[] stream = Frames.concat(Hex.parse("01 01 14 07"), Frames.rtu(1, "03 00 02 00 01"));
    try (InMemoryLink link = InMemoryLink.of(devices.dispatcher(), WIRE.codec())) {
      link.feed(stream, Feeding.ONE_BYTE_AT_A_TIME);
      assertThat(link.answersHex()).containsExactly(WIRE.hex(0, 1, "03 02 01 02"));
      assertThat(link.droppedFrames()).isEqualTo(1);
    }
  }

  @Test
  void garbageThatLooksLikeALongWriteHoldsTheFrameAfterItUntilEnoughBytesRefuteIt() {
    // FC10, quantity 10, byte count 20: a 29-byte frame; a read of 8 bytes follows.
    byte[] read = Frames.rtu(1, "03 00 02 00 01");
    FrameCodec codec = FrameCodecs.rtu();
    byte[] head = Hex.parse("01 10 00 00 00 0A 14");
    assertThat(codec.scan(ByteBuffer.wrap(Frames.concat(head, read)))).isEqualTo(FrameCodec.NEED_MORE);
    // The master retries twice: 31 bytes, more than the write would take, and its CRC does not match.
    assertThat(codec.scan(ByteBuffer.wrap(Frames.concat(head, read, read, read)))).isEqualTo(-head.length);
  }

  @Test
  void garbageWhoseHeaderBreaksTheSpecsLimitsDoesNotHoldTheFrameAfterIt() {
    byte[] read = Frames.rtu(1, "03 00 02 00 01");
    FrameCodec codec = FrameCodecs.rtu();
    for (String head : new String[] {
        "01 10 00 00 00 0A 13", // byte count is not 2 x quantity
        "01 10 00 00 00 7C F8", // quantity 124, over 123
        "F8 10 00 00 00 0A 14", // unit 248: reserved
        "01 0F 00 00 00 50 0B", // 80 coils in 10 bytes, not 11
    }) {
      byte[] bytes = Hex.parse(head);
      assertThat(codec.scan(ByteBuffer.wrap(Frames.concat(bytes, read)))).as(head).isEqualTo(-bytes.length);
    }
  }

  @Test
  void anotherDevicesAnswerIsSkippedWhole() {
    // A transparent converter on a shared line passes unit 2's answer to an FC03 on: 7 bytes, then a request.
    byte[] answer = Frames.rtu(2, "03 02 12 34");
    FrameCodec codec = FrameCodecs.rtu();
    assertThat(codec.scan(ByteBuffer.wrap(Frames.concat(answer, Frames.rtu(1, "03 00 02 00 01")))))
        .isEqualTo(-answer.length);
  }
}
