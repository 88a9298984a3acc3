package dev.modbustoolkit.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * Shared assertions for the golden vectors taken from the Modbus Application Protocol Specification V1.1b3.
 *
 * <p>A vector is written as the spec prints it: hex byte pairs separated by blanks, plus 'quoted ASCII' for the
 * object values of Read Device Identification, so a test reads like the spec's example table.
 */
final class HexSpecVectorsSupport {

  /** Filler around the PDU so a decoder that reads outside position..limit, or an encoder that writes there, shows. */
  private static final byte GUARD = (byte) 0xEE;

  private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

  private HexSpecVectorsSupport() {}

  /** How a vector's length can be learned from its prefix (RTU framing). */
  enum Framing {
    /** requestLength/responseLength must tell the exact PDU length. */
    FROM_PREFIX,
    /** User-defined and opaque codes: the length is UNKNOWN_LENGTH. */
    OPAQUE,
    /** The contract leaves the answer open (e.g. FC08 sub-function 00 with its free-length data). */
    NOT_CHECKED
  }

  /** Parses "03 00 6B 'AB'" into bytes; blanks between pairs are optional, quoted text is taken as ASCII. */
  static byte[] hex(String vector) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < vector.length()) {
      char c = vector.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'') {
        int end = vector.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated quote in " + vector);
        }
        out.writeBytes(vector.substring(i + 1, end).getBytes(StandardCharsets.US_ASCII));
        i = end + 1;
      } else {
        if (i + 1 >= vector.length()) {
          throw new IllegalArgumentException("odd hex digit count in " + vector);
        }
        out.write(HexFormat.fromHexDigits(vector, i, i + 2));
        i += 2;
      }
    }
    return out.toByteArray();
  }

  static String toHex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** Bytes from ints so literals like 0xFF need no casts. */
  static byte[] bytes(int... values) {
    byte[] result = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = (byte) values[i];
    }
    return result;
  }

  /** A register array from unsigned 16-bit ints so literals like 0xFFFF need no casts. */
  static short[] regs(int... values) {
    short[] result = new short[values.length];
    for (int i = 0; i < values.length; i++) {
      result[i] = (short) values[i];
    }
    return result;
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  static ByteBuffer buffer(String vector) {
    return ByteBuffer.wrap(hex(vector));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Accepted vectors

  static void requestVector(String wire, ModbusRequest expected) {
    requestVector(wire, expected, Framing.FROM_PREFIX);
  }

  static void requestVector(String wire, ModbusRequest expected, Framing framing) {
    byte[] bytes = hex(wire);
    assertDecodes(bytes, expected, ModbusPduCodec::decodeRequest);
    assertEncodes(bytes, expected);
    assertFraming(bytes, framing, ModbusPduCodec::requestLength);
  }

  static void responseVector(String wire, ModbusResponse expected) {
    responseVector(wire, expected, Framing.FROM_PREFIX);
  }

  static void responseVector(String wire, ModbusResponse expected, Framing framing) {
    byte[] bytes = hex(wire);
    assertDecodes(bytes, expected, ModbusPduCodec::decodeResponse);
    assertEncodes(bytes, expected);
    assertFraming(bytes, framing, ModbusPduCodec::responseLength);
  }

  /** Decode-only vector: a tolerated wire form whose canonical encoding differs (e.g. junk in unused coil bits). */
  static void requestDecodesTo(String wire, ModbusRequest expected) {
    assertDecodes(hex(wire), expected, ModbusPduCodec::decodeRequest);
  }

  static void responseDecodesTo(String wire, ModbusResponse expected) {
    assertDecodes(hex(wire), expected, ModbusPduCodec::decodeResponse);
  }

  /** Encode-only check: the record's canonical bytes. */
  static void encodesTo(ModbusPdu pdu, String wire) {
    assertEncodes(hex(wire), pdu);
  }

  private static void assertDecodes(byte[] bytes, ModbusPdu expected, Function<ByteBuffer, ? extends ModbusPdu> decoder) {
    String vector = toHex(bytes);

    // Heap buffer with guard bytes on both sides and a non-zero position.
    byte[] framed = new byte[bytes.length + 2];
    Arrays.fill(framed, GUARD);
    System.arraycopy(bytes, 0, framed, 1, bytes.length);
    ByteBuffer heap = ByteBuffer.wrap(framed, 1, bytes.length);
    ModbusPdu decoded = decoder.apply(heap);
    assertThat(decoded).as("decode of [%s]", vector).isEqualTo(expected);
    assertThat(decoded.hashCode()).as("hashCode of decoded [%s]", vector).isEqualTo(expected.hashCode());
    assertThat(heap.position()).as("position after decoding [%s]", vector).isEqualTo(1 + bytes.length);
    assertThat(heap.limit()).as("limit after decoding [%s]", vector).isEqualTo(1 + bytes.length);
    if (bytes.length > 0 && !(expected instanceof ExceptionResponse)) {
      assertThat(decoded.functionCode()).as("functionCode of [%s]", vector).isEqualTo(Byte.toUnsignedInt(bytes[0]));
    }

    // Direct buffer: a decoder must not rely on a backing array.
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
    direct.put(bytes).flip();
    assertThat(decoder.apply(direct)).as("decode of direct [%s]", vector).isEqualTo(expected);
    assertThat(direct.hasRemaining()).as("direct buffer consumed [%s]", vector).isFalse();
  }

  private static void assertEncodes(byte[] bytes, ModbusPdu pdu) {
    String vector = toHex(bytes);
    assertThat(ModbusPduCodec.encodedLength(pdu)).as("encodedLength of %s", pdu).isEqualTo(bytes.length);

    int offset = 2;
    ByteBuffer out = ByteBuffer.allocate(bytes.length + offset + 3);
    fillWithGuard(out);
    out.position(offset);
    int written = ModbusPduCodec.encode(pdu, out);
    assertThat(written).as("bytes written for %s", pdu).isEqualTo(bytes.length);
    assertThat(out.position()).as("position after encoding %s", pdu).isEqualTo(offset + bytes.length);
    byte[] all = out.array();
    assertThat(toHex(Arrays.copyOfRange(all, offset, offset + bytes.length)))
        .as("encoding of %s", pdu)
        .isEqualTo(vector);
    assertThat(Arrays.copyOfRange(all, 0, offset)).as("bytes before position").containsOnly(GUARD);
    assertThat(Arrays.copyOfRange(all, offset + bytes.length, all.length)).as("bytes after PDU").containsOnly(GUARD);

    // One byte short: BufferOverflowException and nothing written.
    if (bytes.length > 0) {
      ByteBuffer small = ByteBuffer.allocate(bytes.length - 1 + offset);
      fillWithGuard(small);
      small.position(offset);
      assertThrows(BufferOverflowException.class, () -> ModbusPduCodec.encode(pdu, small), "encode into short buffer");
      assertThat(small.position()).as("position after overflow for %s", pdu).isEqualTo(offset);
      assertThat(small.array()).as("nothing written on overflow for %s", pdu).containsOnly(GUARD);
    }
  }

  private static void assertFraming(byte[] bytes, Framing framing, Function<ByteBuffer, Integer> lengthOf) {
    if (framing == Framing.NOT_CHECKED) {
      return;
    }
    String vector = toHex(bytes);
    int expected = framing == Framing.FROM_PREFIX ? bytes.length : ModbusPduCodec.UNKNOWN_LENGTH;
    ByteBuffer whole = ByteBuffer.wrap(bytes);
    assertThat(lengthOf.apply(whole)).as("length from whole [%s]", vector).isEqualTo(expected);
    assertThat(whole.position()).as("length peek must not move position [%s]", vector).isZero();
    // Every shorter prefix either asks for more bytes or already knows the answer.
    for (int n = 0; n < bytes.length; n++) {
      ByteBuffer prefix = ByteBuffer.wrap(bytes, 0, n);
      assertThat(lengthOf.apply(prefix))
          .as("length from %d-byte prefix of [%s]", n, vector)
          .isIn(ModbusPduCodec.NEED_MORE_BYTES, expected);
    }
    assertThat(lengthOf.apply(ByteBuffer.wrap(bytes, 0, 0)))
        .as("length from empty prefix")
        .isEqualTo(ModbusPduCodec.NEED_MORE_BYTES);
  }

  private static void fillWithGuard(ByteBuffer buffer) {
    Arrays.fill(buffer.array(), GUARD);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Rejected vectors

  /** The encode side: a record constructor or factory refuses the value a decoder would reject. */
  static PduValueException refused(
      org.junit.jupiter.api.function.Executable construction, PduViolation violation, long offendingValue) {
    PduValueException e = assertThrows(PduValueException.class, construction);
    assertThat(e.violation()).as("violation").isEqualTo(violation);
    assertThat(e.offendingValue()).as("offendingValue").isEqualTo(offendingValue);
    assertThat(e.getMessage()).as("message names the value").contains(Long.toString(offendingValue));
    return e;
  }

  static ModbusDecodeException requestRejected(
      String wire, PduViolation violation, long offendingValue, ExceptionCode exceptionCode) {
    return rejected(wire, violation, offendingValue, exceptionCode, ModbusPduCodec::decodeRequest);
  }

  static ModbusDecodeException responseRejected(
      String wire, PduViolation violation, long offendingValue, ExceptionCode exceptionCode) {
    return rejected(wire, violation, offendingValue, exceptionCode, ModbusPduCodec::decodeResponse);
  }

  /** For violations whose offending value the contract leaves open (e.g. which end of an address range). */
  static ModbusDecodeException requestRejectedAnyValue(String wire, PduViolation violation, ExceptionCode exceptionCode) {
    return rejected(wire, violation, null, exceptionCode, ModbusPduCodec::decodeRequest);
  }

  static ModbusDecodeException responseRejectedAnyValue(String wire, PduViolation violation, ExceptionCode exceptionCode) {
    return rejected(wire, violation, null, exceptionCode, ModbusPduCodec::decodeResponse);
  }

  /**
   * For a fault the contract names no single violation for (e.g. a byte count outside its range is both "a length
   * out of range" and "a byte count mismatch"): the violation must be one of {@code allowed}, the exception code 03
   * or whatever {@code exceptionCode} says.
   */
  static ModbusDecodeException responseRejectedAsOneOf(
      String wire, ExceptionCode exceptionCode, PduViolation... allowed) {
    return rejectedAsOneOf(wire, exceptionCode, ModbusPduCodec::decodeResponse, allowed);
  }

  static ModbusDecodeException requestRejectedAsOneOf(
      String wire, ExceptionCode exceptionCode, PduViolation... allowed) {
    return rejectedAsOneOf(wire, exceptionCode, ModbusPduCodec::decodeRequest, allowed);
  }

  private static ModbusDecodeException rejectedAsOneOf(
      String wire,
      ExceptionCode exceptionCode,
      Function<ByteBuffer, ? extends ModbusPdu> decoder,
      PduViolation... allowed) {
    byte[] bytes = hex(wire);
    String vector = toHex(bytes);
    ModbusDecodeException e =
        assertThrows(ModbusDecodeException.class, () -> decoder.apply(ByteBuffer.wrap(bytes)), "decode of [" + vector + "]");
    assertThat(e.violation()).as("violation for [%s]", vector).isIn((Object[]) allowed);
    assertThat(e.exceptionCode()).as("exceptionCode for [%s]", vector).isEqualTo(exceptionCode);
    assertThat(e.functionCode()).as("functionCode for [%s]", vector).isEqualTo(Byte.toUnsignedInt(bytes[0]));
    return e;
  }

  private static ModbusDecodeException rejected(
      String wire,
      PduViolation violation,
      @org.jspecify.annotations.Nullable Long offendingValue,
      ExceptionCode exceptionCode,
      Function<ByteBuffer, ? extends ModbusPdu> decoder) {
    byte[] bytes = hex(wire);
    String vector = toHex(bytes);
    ModbusDecodeException e =
        assertThrows(ModbusDecodeException.class, () -> decoder.apply(ByteBuffer.wrap(bytes)), "decode of [" + vector + "]");
    assertThat(e.violation()).as("violation for [%s]", vector).isEqualTo(violation);
    if (offendingValue != null) {
      assertThat(e.offendingValue()).as("offendingValue for [%s]", vector).isEqualTo(offendingValue.longValue());
    }
    assertThat(e.exceptionCode()).as("exceptionCode for [%s]", vector).isEqualTo(exceptionCode);
    assertThat(violation.exceptionCode()).as("%s.exceptionCode()", violation).isEqualTo(exceptionCode);
    if (bytes.length > 0 && violation != PduViolation.UNSUPPORTED_FUNCTION_CODE) {
      assertThat(e.functionCode()).as("functionCode for [%s]", vector).isEqualTo(Byte.toUnsignedInt(bytes[0]));
    }
    return e;
  }
}
