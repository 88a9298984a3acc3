package dev.modbustoolkit.pdu;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The public function codes of the Modbus Application Protocol Specification V1.1b3. */
public enum FunctionCode {
  READ_COILS(0x01),
  READ_DISCRETE_INPUTS(0x02),
  READ_HOLDING_REGISTERS(0x03),
  READ_INPUT_REGISTERS(0x04),
  WRITE_SINGLE_COIL(0x05),
  WRITE_SINGLE_REGISTER(0x06),
  READ_EXCEPTION_STATUS(0x07),
  DIAGNOSTICS(0x08),
  GET_COMM_EVENT_COUNTER(0x0B),
  GET_COMM_EVENT_LOG(0x0C),
  WRITE_MULTIPLE_COILS(0x0F),
  WRITE_MULTIPLE_REGISTERS(0x10),
  REPORT_SERVER_ID(0x11),
  READ_FILE_RECORD(0x14),
  WRITE_FILE_RECORD(0x15),
  MASK_WRITE_REGISTER(0x16),
  READ_WRITE_MULTIPLE_REGISTERS(0x17),
  READ_FIFO_QUEUE(0x18),
  ENCAPSULATED_INTERFACE_TRANSPORT(0x2B);

  // Indexed by code so that lookups on the decode path need no search.
  private static final @Nullable FunctionCode[] BY_CODE = new FunctionCode[128];

  static {
    for (FunctionCode fc : values()) {
      BY_CODE[fc.code] = fc;
    }
  }

  private final int code;

  FunctionCode(int code) {
    this.code = code;
  }

  /** The byte on the wire. */
  public int code() {
    return code;
  }

  /** The public function code with this value, empty for user-defined, reserved or out-of-range values. */
  public static Optional<FunctionCode> of(int code) {
    return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
  }

  /** True for the user-defined ranges 65..72 and 100..110 (spec section 5). */
  public static boolean isUserDefined(int code) {
    return (code >= 65 && code <= 72) || (code >= 100 && code <= 110);
  }
}
