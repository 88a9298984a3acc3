package dev.modbustoolkit.pdu;

import java.util.Optional;

/** The sub-function codes of function 0x08 Diagnostics (spec section 6.8.1). */
public enum DiagnosticSubFunction {
  RETURN_QUERY_DATA(0x00),
  RESTART_COMMUNICATIONS_OPTION(0x01),
  RETURN_DIAGNOSTIC_REGISTER(0x02),
  CHANGE_ASCII_INPUT_DELIMITER(0x03),
  FORCE_LISTEN_ONLY_MODE(0x04),
  CLEAR_COUNTERS_AND_DIAGNOSTIC_REGISTER(0x0A),
  RETURN_BUS_MESSAGE_COUNT(0x0B),
  RETURN_BUS_COMMUNICATION_ERROR_COUNT(0x0C),
  RETURN_BUS_EXCEPTION_ERROR_COUNT(0x0D),
  RETURN_SERVER_MESSAGE_COUNT(0x0E),
  RETURN_SERVER_NO_RESPONSE_COUNT(0x0F),
  RETURN_SERVER_NAK_COUNT(0x10),
  RETURN_SERVER_BUSY_COUNT(0x11),
  RETURN_BUS_CHARACTER_OVERRUN_COUNT(0x12),
  CLEAR_OVERRUN_COUNTER_AND_FLAG(0x14);

  private final int code;

  DiagnosticSubFunction(int code) {
    this.code = code;
  }

  /** The 16-bit sub-function field on the wire. */
  public int code() {
    return code;
  }

  /** The sub-function with this code, empty when the spec defines none. */
  public static Optional<DiagnosticSubFunction> of(int code) {
    for (DiagnosticSubFunction s : values()) {
      if (s.code == code) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
