package dev.modbustoolkit.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.domains.DomainContext;

/**
 * Codec laws over every request and response type ({@link PduArbitraries}) and over arbitrary and mutated bytes.
 *
 * <p>Where the encoding is not canonical: FC0F requests ignore the unused high bits of the last coil byte on
 * decode and write them as 0, so re-encoding clears them. Every other decodable PDU re-encodes byte for byte.
 * Length prediction follows the spec's shapes: FC08 RETURN_QUERY_DATA, unknown FC08 sub-functions, MEI types
 * other than 0x0E and user-defined codes are UNKNOWN_LENGTH; an FC08 response of a known non-zero sub-function
 * is predicted as 5 bytes (one data word), whatever a device actually sends.
 */
@Domain(PduArbitraries.class)
@Domain(DomainContext.Global.class)
class ModbusPduCodecProperties {

  private static final int[] PUBLIC_CODES = Arrays.stream(FunctionCode.values()).mapToInt(FunctionCode::code)
      .toArray();

  // ---- round trips

  @Property
  void everyRequestRoundTrips(@ForAll ModbusRequest request, @ForAll @IntRange(max = 5) int offset) {
    ByteBuffer in = encodeAt(request, offset);
    ModbusRequest decoded = ModbusPduCodec.decodeRequest(in);
    assertThat(decoded).isEqualTo(request);
    assertThat(decoded.hashCode()).isEqualTo(request.hashCode());
    assertThat(in.position()).isEqualTo(in.limit());
  }

  @Property
  void everyResponseRoundTrips(@ForAll ModbusResponse response, @ForAll @IntRange(max = 5) int offset) {
    ByteBuffer in = encodeAt(response, offset);
    ModbusResponse decoded = ModbusPduCodec.decodeResponse(in);
    assertThat(decoded).isEqualTo(response);
    assertThat(decoded.hashCode()).isEqualTo(response.hashCode());
    assertThat(in.position()).isEqualTo(in.limit());
  }

  // Encodes at a non-zero offset of a little-endian buffer (the codec must not depend on either), checks the
  // bytes written against encodedLength and the 253-byte limit, and returns the PDU as a buffer to decode.
  private static ByteBuffer encodeAt(ModbusPdu pdu, int offset) {
    int length = ModbusPduCodec.encodedLength(pdu);
    assertThat(length).isBetween(1, ModbusLimits.MAX_PDU_LENGTH);
    ByteBuffer out = ByteBuffer.allocate(offset + length + 3).order(ByteOrder.LITTLE_ENDIAN);
    out.position(offset);
    int written = ModbusPduCodec.encode(pdu, out);
    assertThat(written).isEqualTo(length);
    assertThat(out.position()).isEqualTo(offset + length);
    assertThat(out.array()).endsWith(new byte[3]);
    int first = Byte.toUnsignedInt(out.get(offset));
    int expectedFc = pdu instanceof ExceptionResponse e ? e.wireFunctionCode() : pdu.functionCode();
    assertThat(first).isEqualTo(expectedFc);
    return ByteBuffer.wrap(out.array(), offset, length).slice();
  }

  @Property
  void encodeWithoutRoomThrowsBeforeWritingAnything(@ForAll ModbusResponse response, @ForAll int seed) {
    int length = ModbusPduCodec.encodedLength(response);
    int room = Math.floorMod(seed, length);
    ByteBuffer out = ByteBuffer.allocate(room + 2);
    Arrays.fill(out.array(), (byte) 0x5A);
    out.position(2);
    assertThatThrownBy(() -> ModbusPduCodec.encode(response, out)).isInstanceOf(BufferOverflowException.class);
    assertThat(out.position()).isEqualTo(2);
    byte[] untouched = new byte[room + 2];
    Arrays.fill(untouched, (byte) 0x5A);
    assertThat(out.array()).isEqualTo(untouched);
  }

  @Property
  void encodeRequestWithoutRoomThrows(@ForAll ModbusRequest request) {
    int length = ModbusPduCodec.encodedLength(request);
    ByteBuffer out = ByteBuffer.allocate(length - 1);
    assertThatThrownBy(() -> ModbusPduCodec.encode(request, out)).isInstanceOf(BufferOverflowException.class);
    assertThat(out.position()).isZero();
  }

  // ---- robustness: anything decodes or is a ModbusDecodeException

  @Property
  void arbitraryBytesAsRequestDecodeOrThrowDecodeException(@ForAll @Size(max = 260) byte[] bytes) {
    decodeOrReject(bytes, ModbusPduCodec::decodeRequest);
  }

  @Property
  void arbitraryBytesAsResponseDecodeOrThrowDecodeException(@ForAll @Size(max = 260) byte[] bytes) {
    decodeOrReject(bytes, ModbusPduCodec::decodeResponse);
  }

  @Property
  void pduShapedBytesDecodeOrThrowDecodeException(@ForAll("pduShaped") byte[] bytes) {
    decodeOrReject(bytes, ModbusPduCodec::decodeRequest);
    decodeOrReject(bytes, ModbusPduCodec::decodeResponse);
  }

  @Property
  void mutatedRequestsDecodeOrThrowDecodeException(@ForAll("mutatedRequests") byte[] bytes) {
    decodeOrReject(bytes, ModbusPduCodec::decodeRequest);
  }

  @Property
  void mutatedResponsesDecodeOrThrowDecodeException(@ForAll("mutatedResponses") byte[] bytes) {
    decodeOrReject(bytes, ModbusPduCodec::decodeResponse);
  }

  // Any failure must be a ModbusDecodeException (anything else propagates and fails the property); a success
  // consumes the whole input and re-encodes to it (canonically).
  private static void decodeOrReject(byte[] bytes, Function<ByteBuffer, ? extends ModbusPdu> decoder) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    ModbusPdu decoded;
    try {
      decoded = decoder.apply(in);
    } catch (ModbusDecodeException e) {
      assertThat(e.exceptionCode()).isEqualTo(e.violation().exceptionCode());
      assertThat(e.functionCode()).isEqualTo(bytes.length == 0 ? -1 : Byte.toUnsignedInt(bytes[0]));
      assertThat(e.getStackTrace()).isEmpty();
      return;
    }
    assertThat(in.hasRemaining()).isFalse();
    assertThat(ModbusPduCodec.toBytes(decoded)).isEqualTo(canonical(bytes, decoded));
  }

  // The input as the encoder would write it: only FC0F padding bits differ.
  private static byte[] canonical(byte[] input, ModbusPdu decoded) {
    byte[] expected = input.clone();
    if (decoded instanceof WriteMultipleCoilsRequest w && w.quantity() % 8 != 0) {
      expected[expected.length - 1] &= (byte) ((1 << (w.quantity() % 8)) - 1);
    }
    return expected;
  }

  @Property
  void decodedThenReencodedRequestsEqualTheInput(@ForAll("mutatedRequests") byte[] bytes) {
    // a vacuous property would prove nothing: a good share of mutations of valid PDUs must still decode
    Statistics.label("decodes").coverage(c -> c.check(true).percentage(p -> p > 15));
    ModbusRequest decoded;
    try {
      decoded = ModbusPduCodec.decodeRequest(ByteBuffer.wrap(bytes));
    } catch (ModbusDecodeException e) {
      Statistics.label("decodes").collect(false);
      return;
    }
    Statistics.label("decodes").collect(true);
    assertThat(ModbusPduCodec.toBytes(decoded)).isEqualTo(canonical(bytes, decoded));
  }

  @Property
  void decodedThenReencodedResponsesEqualTheInput(@ForAll("mutatedResponses") byte[] bytes) {
    // a vacuous property would prove nothing: a good share of mutations of valid PDUs must still decode
    Statistics.label("decodes").coverage(c -> c.check(true).percentage(p -> p > 15));
    ModbusResponse decoded;
    try {
      decoded = ModbusPduCodec.decodeResponse(ByteBuffer.wrap(bytes));
    } catch (ModbusDecodeException e) {
      Statistics.label("decodes").collect(false);
      return;
    }
    Statistics.label("decodes").collect(true);
    assertThat(ModbusPduCodec.toBytes(decoded)).isEqualTo(canonical(bytes, decoded));
  }

  @Property
  void coilPaddingBitsAreIgnoredOnDecodeAndClearedOnEncode(@ForAll("unalignedCoilWrites") WriteMultipleCoilsRequest
      request, @ForAll @IntRange(min = 1, max = 255) int junk) {
    byte[] bytes = ModbusPduCodec.toBytes(request);
    int used = request.quantity() % 8;
    bytes[bytes.length - 1] |= (byte) (junk << used);
    assertThat(ModbusPduCodec.decodeRequest(ByteBuffer.wrap(bytes))).isEqualTo(request);
  }

  @Provide
  Arbitrary<WriteMultipleCoilsRequest> unalignedCoilWrites() {
    return PduArbitraries.writeMultipleCoilsRequests().filter(r -> r.quantity() % 8 != 0);
  }

  // ---- length prediction for RTU framing

  @Property
  void requestLengthAgreesWithTheRealLengthOnEveryPrefix(@ForAll ModbusRequest request) {
    boolean opaque = request instanceof UserDefinedRequest || request instanceof EncapsulatedInterfaceRequest
        || (request instanceof DiagnosticsRequest d && d.subFunction() == 0);
    checkPrefixes(ModbusPduCodec.toBytes(request), opaque, ModbusPduCodec::requestLength);
  }

  @Property
  void responseLengthAgreesWithTheRealLengthOnEveryPrefix(@ForAll ModbusResponse response) {
    boolean diagnosticsOpaque = false;
    if (response instanceof DiagnosticsResponse d) {
      boolean shaped = d.knownSubFunction().isPresent() && d.subFunction() != 0;
      if (shaped && d.dataLength() != 2) {
        // Off the spec's shape (sub-function + 2 data bytes): the predictor gives that shape's 5 bytes once the
        // sub-function is in, whatever the device sent. Checked here instead of discarding the try.
        checkFixedPrediction(ModbusPduCodec.toBytes(response), 5);
        return;
      }
      diagnosticsOpaque = !shaped;
    }
    boolean opaque = diagnosticsOpaque || response instanceof UserDefinedResponse
        || response instanceof EncapsulatedInterfaceResponse;
    checkPrefixes(ModbusPduCodec.toBytes(response), opaque, ModbusPduCodec::responseLength);
  }

  private static void checkFixedPrediction(byte[] pdu, int expected) {
    for (int k = 0; k <= pdu.length; k++) {
      int predicted = ModbusPduCodec.responseLength(ByteBuffer.wrap(pdu, 0, k));
      assertThat(predicted).as("prefix of %d bytes", k).isEqualTo(k < 3 ? ModbusPduCodec.NEED_MORE_BYTES : expected);
    }
  }

  // Every prefix (read from a non-zero position) yields NEED_MORE_BYTES or the real length, never a wrong one,
  // and the whole PDU always yields its length; opaque PDUs yield NEED_MORE_BYTES or UNKNOWN_LENGTH.
  private static void checkPrefixes(byte[] pdu, boolean opaque, Function<ByteBuffer, Integer> predictor) {
    byte[] framed = new byte[pdu.length + 3];
    Arrays.fill(framed, (byte) 0x03);
    System.arraycopy(pdu, 0, framed, 3, pdu.length);
    int settled = Integer.MIN_VALUE;
    for (int k = 0; k <= pdu.length; k++) {
      ByteBuffer prefix = ByteBuffer.wrap(framed, 3, k);
      int predicted = predictor.apply(prefix);
      assertThat(prefix.position()).isEqualTo(3);
      if (opaque) {
        assertThat(predicted).isIn(ModbusPduCodec.NEED_MORE_BYTES, ModbusPduCodec.UNKNOWN_LENGTH);
      } else {
        assertThat(predicted).as("prefix of %d bytes", k).isIn(ModbusPduCodec.NEED_MORE_BYTES, pdu.length);
      }
      if (settled != Integer.MIN_VALUE) {
        assertThat(predicted).as("stable once known").isEqualTo(settled);
      } else if (predicted != ModbusPduCodec.NEED_MORE_BYTES) {
        settled = predicted;
      }
    }
    assertThat(settled).as("known once the whole PDU is in")
        .isEqualTo(opaque ? ModbusPduCodec.UNKNOWN_LENGTH : pdu.length);
  }

  // ---- input generators

  /** A public or user-defined function code (or, rarely, anything) followed by random bytes. */
  @Provide
  Arbitrary<byte[]> pduShaped() {
    Arbitrary<Integer> code = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.of(Arrays.stream(PUBLIC_CODES).boxed().toList())),
        net.jqwik.api.Tuple.of(1, PduArbitraries.userDefinedCodes()),
        net.jqwik.api.Tuple.of(1, PduArbitraries.u8()));
    return Combinators.combine(code, PduArbitraries.bytes(0, 40)).as((fc, body) -> {
      byte[] pdu = new byte[body.length + 1];
      pdu[0] = (byte) (int) fc;
      System.arraycopy(body, 0, pdu, 1, body.length);
      return pdu;
    });
  }

  @Provide
  Arbitrary<byte[]> mutatedRequests() {
    return mutated(PduArbitraries.requests().map(ModbusPduCodec::toBytes));
  }

  @Provide
  Arbitrary<byte[]> mutatedResponses() {
    return mutated(PduArbitraries.responses().map(ModbusPduCodec::toBytes));
  }

  /** Valid encodings truncated, extended, with one byte replaced or one bit flipped, or left as they are. */
  private static Arbitrary<byte[]> mutated(Arbitrary<byte[]> valid) {
    return Combinators.combine(valid, Arbitraries.integers().between(0, 4), Arbitraries.integers().greaterOrEqual(0),
        PduArbitraries.u8()).as((bytes, kind, where, value) -> switch (kind) {
          case 0 -> Arrays.copyOf(bytes, where % bytes.length);
          case 1 -> {
            byte[] longer = Arrays.copyOf(bytes, bytes.length + 1 + where % 3);
            longer[bytes.length] = (byte) (int) value;
            yield longer;
          }
          case 2 -> {
            byte[] copy = bytes.clone();
            copy[where % copy.length] = (byte) (int) value;
            yield copy;
          }
          case 3 -> {
            byte[] copy = bytes.clone();
            copy[where % copy.length] ^= (byte) (1 << (value % 8));
            yield copy;
          }
          default -> bytes;
        });
  }
}
