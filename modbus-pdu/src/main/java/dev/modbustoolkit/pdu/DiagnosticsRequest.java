package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;
import dev.modbustoolkit.pdu.internal.Hex;
import java.util.Arrays;
import java.util.Optional;

/**
 * FC08 Diagnostics request: sub-function (2 bytes) and data. The sub-function must be one of
 * {@link DiagnosticSubFunction} (UNSUPPORTED_SUB_FUNCTION). Data: RETURN_QUERY_DATA any 0..250 bytes (echoed);
 * RESTART_COMMUNICATIONS_OPTION 0x0000 or 0xFF00; CHANGE_ASCII_INPUT_DELIMITER a character then 0x00; every
 * other sub-function exactly 0x0000 (ILLEGAL_VALUE otherwise).
 *
 * @param subFunction the sub function
 * @param data the bytes
 */
public record DiagnosticsRequest(int subFunction, byte[] data) implements ModbusRequest {
  private static final String WHERE = "DIAGNOSTICS";

  /** Validates the sub-function and the data the spec allows for it; keeps a copy of data. */
  public DiagnosticsRequest {
    Optional<DiagnosticSubFunction> known = DiagnosticSubFunction.of(subFunction);
    if (known.isEmpty()) {
      throw new PduValueException(PduViolation.UNSUPPORTED_SUB_FUNCTION, subFunction,
          "subFunction " + subFunction + " (0x" + Integer.toHexString(subFunction) + ") is not a diagnostic sub-function for " + WHERE);
    }
    switch (known.get()) {
      case RETURN_QUERY_DATA ->
          Checks.length(data.length, 0, ModbusLimits.MAX_DIAGNOSTIC_DATA_LENGTH, "data length", WHERE);
      case RESTART_COMMUNICATIONS_OPTION -> {
        int word = word(data);
        if (word != 0x0000 && word != 0xFF00) {
          throw new PduValueException(PduViolation.ILLEGAL_VALUE, word,
              "data word " + word + " (0x" + Integer.toHexString(word) + ") must be 0x0000 or 0xFF00 for RESTART_COMMUNICATIONS_OPTION");
        }
      }
      case CHANGE_ASCII_INPUT_DELIMITER -> {
        int word = word(data);
        if ((word & 0xFF) != 0) {
          throw new PduValueException(PduViolation.ILLEGAL_VALUE, word,
              "data word " + word + " (0x" + Integer.toHexString(word) + ") must be a character then 0x00 for CHANGE_ASCII_INPUT_DELIMITER");
        }
      }
      case RETURN_DIAGNOSTIC_REGISTER, FORCE_LISTEN_ONLY_MODE, CLEAR_COUNTERS_AND_DIAGNOSTIC_REGISTER,
          RETURN_BUS_MESSAGE_COUNT, RETURN_BUS_COMMUNICATION_ERROR_COUNT, RETURN_BUS_EXCEPTION_ERROR_COUNT,
          RETURN_SERVER_MESSAGE_COUNT, RETURN_SERVER_NO_RESPONSE_COUNT, RETURN_SERVER_NAK_COUNT,
          RETURN_SERVER_BUSY_COUNT, RETURN_BUS_CHARACTER_OVERRUN_COUNT, CLEAR_OVERRUN_COUNTER_AND_FLAG -> {
        int word = word(data);
        if (word != 0) {
          throw new PduValueException(PduViolation.ILLEGAL_VALUE, word,
              "data word " + word + " (0x" + Integer.toHexString(word) + ") must be 0x0000 for " + known.get());
        }
      }
    }
    data = data.clone();
  }

  // The 2-byte data word; a data field of any other length is ILLEGAL_VALUE with the length as offending value.
  private static int word(byte[] data) {
    if (data.length != 2) {
      throw new PduValueException(PduViolation.ILLEGAL_VALUE, data.length,
          "data length " + data.length + " must be 2 for this diagnostic sub-function");
    }
    return ((data[0] & 0xFF) << 8) | (data[1] & 0xFF);
  }

  /**
   * {@return a request whose data is one 16-bit word (0..65535, ILLEGAL_VALUE otherwise)}
   *
   * @param subFunction the sub function
   * @param dataWord the data word
   */
  public static DiagnosticsRequest of(DiagnosticSubFunction subFunction, int dataWord) {
    Checks.u16(dataWord, "data", WHERE);
    return new DiagnosticsRequest(subFunction.code(), new byte[] {(byte) (dataWord >>> 8), (byte) dataWord});
  }

  /** {@return the sub-function; always present for a constructed request} */
  public Optional<DiagnosticSubFunction> knownSubFunction() {
    return DiagnosticSubFunction.of(subFunction);
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
    return o instanceof DiagnosticsRequest other && subFunction == other.subFunction
        && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return 31 * subFunction + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "DiagnosticsRequest[subFunction=0x" + Integer.toHexString(subFunction) + ", data=" + Hex.bytes(data) + "]";
  }
}
