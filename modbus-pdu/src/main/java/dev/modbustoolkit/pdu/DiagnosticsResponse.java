package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;
import dev.modbustoolkit.pdu.internal.Hex;
import java.util.Arrays;

/**
 * FC08 Diagnostics response: sub-function (2 bytes) and data of 0..250 bytes. Any sub-function is accepted, so that a client sees what the device sent.
 *
 * @param subFunction the sub function
 * @param data the bytes
 */
public record DiagnosticsResponse(int subFunction, byte[] data) implements ModbusResponse {
  /** Validates the fields and keeps a copy of data. */
  public DiagnosticsResponse {
    Checks.u16(subFunction, "subFunction", "DIAGNOSTICS");
    Checks.length(data.length, 0, ModbusLimits.MAX_DIAGNOSTIC_DATA_LENGTH, "data length", "DIAGNOSTICS");
    data = data.clone();
  }

  /**
   * {@return a response with a 2-byte data word, the usual shape for every sub-function but RETURN_QUERY_DATA}
   *
   * @param subFunction the sub function
   * @param dataWord the data word
   */
  public static DiagnosticsResponse of(DiagnosticSubFunction subFunction, int dataWord) {
    Checks.u16(dataWord, "data", "DIAGNOSTICS");
    return new DiagnosticsResponse(subFunction.code(), new byte[] {(byte) (dataWord >>> 8), (byte) dataWord});
  }

  /** {@return the sub-function, if the spec defines it} */
  public java.util.Optional<DiagnosticSubFunction> knownSubFunction() {
    return DiagnosticSubFunction.of(subFunction);
  }

  /** {@return the first data word (counter value, diagnostic register, ...), -1 when data is not exactly 2 bytes} */
  public int dataWord() {
    return data.length == 2 ? ((data[0] & 0xFF) << 8) | (data[1] & 0xFF) : -1;
  }

  /** {@return a copy of the data} */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** {@return number of data bytes} */
  public int dataLength() {
    return data.length;
  }

  /**
   * Data byte i, unsigned.
   *
   * @param i the index (0-based)
   * @return the data byte
   */
  public int dataByte(int i) {
    return Byte.toUnsignedInt(data[i]);
  }

  @Override
  public int functionCode() {
    return FunctionCode.DIAGNOSTICS.code();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DiagnosticsResponse other && subFunction == other.subFunction && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return 31 * subFunction + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "DiagnosticsResponse[" + "subFunction=0x" + Integer.toHexString(subFunction) + ", " + "data=" + Hex.bytes(data) + "]";
  }
}
