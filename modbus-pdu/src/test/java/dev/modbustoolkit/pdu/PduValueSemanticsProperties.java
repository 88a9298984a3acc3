package dev.modbustoolkit.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.domains.DomainContext;
import net.jqwik.api.statistics.Statistics;

/**
 * Value semantics of the records: two PDUs are equal exactly when they encode to the same bytes.
 *
 * <p>Round trips only ever compare equal values; these properties change one byte of a valid PDU, so that the
 * decoder yields a record of the same type differing in one field, and check that {@code equals} notices. That
 * is what keeps the hand-written {@code equals} of records with array components honest.
 *
 * <p>No try is discarded: the index is mapped onto the PDU's bytes after the function code (a PDU of the function
 * code alone has nothing to change), and a change that makes the PDU invalid must fail with the decoder's own
 * exception, which is checked too. Coverage checks keep the share of changes that still decode, and so exercise
 * {@code equals}, from collapsing.
 */
@Domain(PduArbitraries.class)
@Domain(DomainContext.Global.class)
class PduValueSemanticsProperties {

  @Property
  void requestEqualityAgreesWithTheEncoding(
      @ForAll ModbusRequest request, @ForAll @IntRange(min = 1, max = 252) int index, @ForAll @IntRange(min = 1, max = 255) int xor) {
    checkOneByteChange(request, index, xor, ModbusPduCodec::decodeRequest);
  }

  @Property
  void responseEqualityAgreesWithTheEncoding(
      @ForAll ModbusResponse response, @ForAll @IntRange(min = 1, max = 252) int index, @ForAll @IntRange(min = 1, max = 255) int xor) {
    checkOneByteChange(response, index, xor, ModbusPduCodec::decodeResponse);
  }

  @Property
  void equalValuesHaveEqualHashCodesAndText(@ForAll ModbusRequest request, @ForAll ModbusResponse response) {
    ModbusRequest requestCopy = ModbusPduCodec.decodeRequest(ByteBuffer.wrap(ModbusPduCodec.toBytes(request)));
    ModbusResponse responseCopy = ModbusPduCodec.decodeResponse(ByteBuffer.wrap(ModbusPduCodec.toBytes(response)));
    assertThat(requestCopy).isEqualTo(request).hasSameHashCodeAs(request).hasToString(request.toString());
    assertThat(responseCopy).isEqualTo(response).hasSameHashCodeAs(response).hasToString(response.toString());
    assertThat(request).isNotEqualTo(response);
  }

  private static <T extends ModbusPdu> void checkOneByteChange(
      T original, int index, int xor, Function<ByteBuffer, ? extends T> decoder) {
    byte[] bytes = ModbusPduCodec.toBytes(original);
    if (bytes.length == 1) {
      Statistics.label("changed").collect("nothing to change");
      return;
    }
    byte[] changed = bytes.clone();
    changed[1 + index % (bytes.length - 1)] ^= (byte) xor;
    T other;
    try {
      other = decoder.apply(ByteBuffer.wrap(changed));
    } catch (ModbusDecodeException e) {
      Statistics.label("changed").collect("rejected by the decoder");
      return; // the decoder's own exception: what a change that breaks the PDU must give
    }
    Statistics.label("changed").collect("decoded");
    // Re-encode: the decoder normalises what it ignores (FC0F padding bits), so compare canonical forms.
    boolean sameBytes = Arrays.equals(bytes, ModbusPduCodec.toBytes(other));
    assertThat(other.equals(original)).as("%s vs %s", original, other).isEqualTo(sameBytes);
    assertThat(original.equals(other)).isEqualTo(sameBytes);
    if (!sameBytes) {
      assertThat(other.toString()).isNotEqualTo(original.toString());
    }
    Statistics.label("changed").coverage(checker ->
        checker.check("decoded").percentage(p -> p >= 20.0));
  }
}
