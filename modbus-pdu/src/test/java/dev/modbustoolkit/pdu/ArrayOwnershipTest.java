package dev.modbustoolkit.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modbustoolkit.pdu.internal.Ownership;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The decoder hands its freshly filled arrays to the records instead of having them copied (one array per decoded
 * register/bit array, not two), while every array a caller passes is still copied.
 */
class ArrayOwnershipTest {

  private static final byte[] FC03_RESPONSE_125 = fc03Response(125);

  @Test
  void aCallersArrayIsCopiedEvenRightAfterAHandOverOfAnotherArray() {
    short[] handedOver = {7, 7};
    Ownership.handOver(handedOver);
    short[] mine = {1, 2};
    ReadHoldingRegistersResponse r = new ReadHoldingRegistersResponse(mine);
    mine[0] = 99;
    assertThat(r.value(0)).isEqualTo(1);
  }

  @Test
  void aHandOverOnAnotherThreadDoesNotLetThisThreadsRecordKeepTheArray() throws InterruptedException {
    short[] values = {1, 2, 3};
    Thread other = Thread.ofPlatform().start(() -> Ownership.handOver(values));
    other.join();
    WriteMultipleRegistersRequest r = new WriteMultipleRegistersRequest(10, values);
    values[0] = 99;
    assertThat(r.value(0)).isEqualTo(1);
  }

  @Test
  void aHandOverIsTakenOnce() {
    short[] values = {1, 2};
    ReadInputRegistersResponse first = new ReadInputRegistersResponse(Ownership.handOver(values));
    ReadInputRegistersResponse second = new ReadInputRegistersResponse(values);
    values[1] = 99;
    // The first record owns the array (nobody else may touch it; this test does, to see who holds it).
    assertThat(first.value(1)).isEqualTo(99);
    assertThat(second.value(1)).isEqualTo(2);
  }

  @Test
  void decodedRecordsDoNotShareArraysWithEachOtherOrTheBuffer() {
    ByteBuffer wire = ByteBuffer.wrap(FC03_RESPONSE_125);
    ModbusResponse a = ModbusPduCodec.decodeResponse(wire);
    wire.rewind();
    ModbusResponse b = ModbusPduCodec.decodeResponse(wire);
    assertThat(FC03_RESPONSE_125).isEqualTo(fc03Response(125));
    assertThat(a).isEqualTo(b);
    ((ReadHoldingRegistersResponse) a).values()[0] = 42;
    assertThat(((ReadHoldingRegistersResponse) a).value(0)).isZero();
    assertThat(((ReadHoldingRegistersResponse) b).value(124)).isEqualTo(124);
  }

  @Test
  void registersDecodeTheSameFromHeapDirectReadOnlyAndLittleEndianBuffers() {
    ModbusResponse expected = ModbusPduCodec.decodeResponse(ByteBuffer.wrap(FC03_RESPONSE_125));
    ByteBuffer direct = ByteBuffer.allocateDirect(FC03_RESPONSE_125.length).put(FC03_RESPONSE_125).flip();
    ByteBuffer readOnly = ByteBuffer.wrap(FC03_RESPONSE_125).asReadOnlyBuffer();
    ByteBuffer little = ByteBuffer.wrap(FC03_RESPONSE_125).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer offset = ByteBuffer.wrap(withPrefix(FC03_RESPONSE_125, 3), 3, FC03_RESPONSE_125.length).slice();
    for (ByteBuffer in : new ByteBuffer[] {direct, readOnly, little, offset}) {
      assertThat(ModbusPduCodec.decodeResponse(in)).isEqualTo(expected);
      assertThat(in.hasRemaining()).isFalse();
    }
  }

  @Test
  void registersEncodeTheSameIntoHeapDirectLittleEndianAndOffsetBuffers() {
    ModbusResponse response = ModbusPduCodec.decodeResponse(ByteBuffer.wrap(FC03_RESPONSE_125));
    for (ByteBuffer out : new ByteBuffer[] {
        ByteBuffer.allocateDirect(300),
        ByteBuffer.allocate(300).order(ByteOrder.LITTLE_ENDIAN),
        ByteBuffer.wrap(new byte[300], 5, 295).slice()}) {
      out.position(1);
      assertThat(ModbusPduCodec.encode(response, out)).isEqualTo(FC03_RESPONSE_125.length);
      byte[] written = new byte[FC03_RESPONSE_125.length];
      out.get(1, written);
      assertThat(written).isEqualTo(FC03_RESPONSE_125);
      assertThat(out.position()).isEqualTo(1 + FC03_RESPONSE_125.length);
    }
  }

  @Test
  void decodingAResponseOf125RegistersAllocatesOneArrayNotTwo() throws ReflectiveOperationException {
    // Reflection: see ModbusPduCodecAllocationTest.
    Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
        .invoke(null);
    Class<?> counterType = Class.forName("com.sun.management.ThreadMXBean");
    assumeTrue(counterType.isInstance(threads));
    assumeTrue((Boolean) counterType.getMethod("isThreadAllocatedMemoryEnabled").invoke(threads));
    Method allocatedBytes = counterType.getMethod("getThreadAllocatedBytes", long.class);
    ByteBuffer wire = ByteBuffer.wrap(FC03_RESPONSE_125);
    AtomicReference<ModbusResponse> sink = new AtomicReference<>();

    int rounds = 20_000;
    decode(wire, sink, rounds); // warm-up: compiles the decoder
    long tid = Thread.currentThread().threadId();
    long before = (Long) allocatedBytes.invoke(threads, tid);
    decode(wire, sink, rounds);
    long perDecode = ((Long) allocatedBytes.invoke(threads, tid) - before) / rounds;

    assertThat(sink.get()).isInstanceOf(ReadHoldingRegistersResponse.class);
    // One short[125] is 16 + 250 bytes (rounded to 272), the record 16: two arrays would be over 550.
    assertThat(perDecode).isLessThan(400);
  }

  private static void decode(ByteBuffer wire, AtomicReference<ModbusResponse> sink, int rounds) {
    for (int i = 0; i < rounds; i++) {
      wire.rewind();
      sink.set(ModbusPduCodec.decodeResponse(wire));
    }
  }

  private static byte[] fc03Response(int quantity) {
    byte[] pdu = new byte[2 + 2 * quantity];
    pdu[0] = 0x03;
    pdu[1] = (byte) (2 * quantity);
    for (int i = 0; i < quantity; i++) {
      pdu[2 + 2 * i] = (byte) (i >> 8);
      pdu[3 + 2 * i] = (byte) i;
    }
    return pdu;
  }

  private static byte[] withPrefix(byte[] bytes, int prefix) {
    byte[] out = new byte[prefix + bytes.length];
    System.arraycopy(bytes, 0, out, prefix, bytes.length);
    return out;
  }
}
