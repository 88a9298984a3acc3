package dev.modbustoolkit.serial;

import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.ModbusPduCodec;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.PduArbitraries;
import dev.modbustoolkit.pdu.UserDefinedRequest;
import dev.modbustoolkit.pdu.UserDefinedResponse;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of this module's tests: bus traffic built from modbus-pdu's {@link PduArbitraries} (valid
 * requests and responses of every public function code, user-defined codes and exception responses), as the
 * frames a decoder should find.
 */
final class SerialArbitraries {
  /** The units the decoders under test answer for. */
  static final List<Integer> LOCAL_UNITS = List.of(1, 2, 3);

  private SerialArbitraries() {}

  /**
   * One frame on the bus: its unit, PDU and kind, and whether a silence must follow it (RTU frames of unknown
   * length end only at a silence; the generator adds one after them).
   */
  record BusFrame(FrameKind kind, int unitId, byte[] pdu, int ruleLength) {
    /** Whether the length rules cannot tell this frame's length, so a silence must end it. */
    boolean needsSilence() {
      return ruleLength < 1;
    }

    /**
     * Whether the length rules agree with the PDU, or cannot tell its length. Not so for a few PDUs the codec
     * encodes but the spec's length rules read differently (a diagnostics response without the data its
     * sub-function has): such a frame is, rightly, not framed by its length and cut at the silence.
     */
    boolean framable() {
      return ruleLength < 1 || ruleLength == pdu.length;
    }

    /** "KIND unit hex", as {@link DecoderDriver#frameSummaries()}. */
    String summary() {
      return kind + " " + unitId + " " + Bytes.hex(pdu);
    }
  }

  /**
   * An exchange: a request to a local unit, a broadcast (unit 0) or a request to another device followed by its
   * response (normal or exception).
   */
  static Arbitrary<List<BusFrame>> exchange() {
    Arbitrary<List<BusFrame>> local =
        Combinators.combine(Arbitraries.of(LOCAL_UNITS), PduArbitraries.requests())
            .as((unit, request) -> List.of(request(unit, request)));
    Arbitrary<List<BusFrame>> broadcast = PduArbitraries.requests().map(request -> List.of(request(0, request)));
    Arbitrary<List<BusFrame>> foreign =
        Combinators.combine(Arbitraries.integers().between(7, 247), PduArbitraries.requests())
            .flatAs((unit, request) -> responseTo(request)
                .map(response -> List.of(request(unit, request), response(unit, response))));
    return Arbitraries.frequencyOf(Tuple.of(3, local), Tuple.of(1, broadcast), Tuple.of(3, foreign))
        .filter(frames -> frames.stream().allMatch(BusFrame::framable));
  }

  /** A response of the same function code as {@code request}: a normal one or an exception response. */
  static Arbitrary<ModbusResponse> responseTo(ModbusRequest request) {
    int functionCode = request.functionCode();
    Arbitrary<ModbusResponse> exception =
        Arbitraries.integers().between(1, 0xFF).map(code -> new ExceptionResponse(functionCode & 0x7F, code));
    Arbitrary<ModbusResponse> normal =
        request instanceof UserDefinedRequest
            ? Arbitraries.bytes().array(byte[].class).ofMaxSize(20)
                .map(data -> new UserDefinedResponse(functionCode, data))
            : PduArbitraries.responses().filter(r -> r.functionCode() == functionCode);
    return Arbitraries.oneOf(exception, normal);
  }

  static BusFrame request(int unit, ModbusRequest request) {
    byte[] pdu = ModbusPduCodec.toBytes(request);
    return new BusFrame(FrameKind.REQUEST, unit, pdu, PduLengths.codec().requestLength(ByteBuffer.wrap(pdu)));
  }

  static BusFrame response(int unit, ModbusResponse response) {
    byte[] pdu = ModbusPduCodec.toBytes(response);
    return new BusFrame(FrameKind.RESPONSE, unit, pdu, PduLengths.codec().responseLength(ByteBuffer.wrap(pdu)));
  }

  /** A list of exchanges, flattened to frames. */
  static Arbitrary<List<BusFrame>> traffic(int maxExchanges) {
    return exchange().list().ofMinSize(1).ofMaxSize(maxExchanges)
        .map(exchanges -> exchanges.stream().flatMap(List::stream).toList());
  }
}
