package dev.modbustoolkit.pdu;

import java.util.Optional;

/** The sub-function codes of function 0x08 Diagnostics (spec section 6.8.1). */
public enum DiagnosticSubFunction {
  /** 0x00 Return Query Data: the request data echoed back. */
  RETURN_QUERY_DATA(0x00),
  /** 0x01 Restart Communications Option: restart the serial port, optionally clearing the event log. */
  RESTART_COMMUNICATIONS_OPTION(0x01),
  /** 0x02 Return Diagnostic Register. */
  RETURN_DIAGNOSTIC_REGISTER(0x02),
  /** 0x03 Change ASCII Input Delimiter. */
  CHANGE_ASCII_INPUT_DELIMITER(0x03),
  /** 0x04 Force Listen Only Mode: the server stops answering until restarted. */
  FORCE_LISTEN_ONLY_MODE(0x04),
  /** 0x0A Clear Counters and Diagnostic Register. */
  CLEAR_COUNTERS_AND_DIAGNOSTIC_REGISTER(0x0A),
  /** 0x0B Return Bus Message Count. */
  RETURN_BUS_MESSAGE_COUNT(0x0B),
  /** 0x0C Return Bus Communication Error Count (CRC errors). */
  RETURN_BUS_COMMUNICATION_ERROR_COUNT(0x0C),
  /** 0x0D Return Bus Exception Error Count. */
  RETURN_BUS_EXCEPTION_ERROR_COUNT(0x0D),
  /** 0x0E Return Server Message Count. */
  RETURN_SERVER_MESSAGE_COUNT(0x0E),
  /** 0x0F Return Server No Response Count. */
  RETURN_SERVER_NO_RESPONSE_COUNT(0x0F),
  /** 0x10 Return Server NAK Count. */
  RETURN_SERVER_NAK_COUNT(0x10),
  /** 0x11 Return Server Busy Count. */
  RETURN_SERVER_BUSY_COUNT(0x11),
  /** 0x12 Return Bus Character Overrun Count. */
  RETURN_BUS_CHARACTER_OVERRUN_COUNT(0x12),
  /** 0x14 Clear Overrun Counter and Flag. */
  CLEAR_OVERRUN_COUNTER_AND_FLAG(0x14);

  private final int code;

  DiagnosticSubFunction(int code) {
    this.code = code;
  }

  /** {@return the 16-bit sub-function field on the wire} */
  public int code() {
    return code;
  }

  /**
   * {@return the sub-function with this code, empty when the spec defines none}
   *
   * @param code the code
   */
  public static Optional<DiagnosticSubFunction> of(int code) {
    for (DiagnosticSubFunction s : values()) {
      if (s.code == code) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
