package dev.modbustoolkit.pdu;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The public function codes of the Modbus Application Protocol Specification V1.1b3. */
public enum FunctionCode {
  /** 0x01 Read Coils. */
  READ_COILS(0x01),
  /** 0x02 Read Discrete Inputs. */
  READ_DISCRETE_INPUTS(0x02),
  /** 0x03 Read Holding Registers. */
  READ_HOLDING_REGISTERS(0x03),
  /** 0x04 Read Input Registers. */
  READ_INPUT_REGISTERS(0x04),
  /** 0x05 Write Single Coil. */
  WRITE_SINGLE_COIL(0x05),
  /** 0x06 Write Single Register. */
  WRITE_SINGLE_REGISTER(0x06),
  /** 0x07 Read Exception Status. */
  READ_EXCEPTION_STATUS(0x07),
  /** 0x08 Diagnostics. */
  DIAGNOSTICS(0x08),
  /** 0x0B Get Comm Event Counter. */
  GET_COMM_EVENT_COUNTER(0x0B),
  /** 0x0C Get Comm Event Log. */
  GET_COMM_EVENT_LOG(0x0C),
  /** 0x0F Write Multiple Coils. */
  WRITE_MULTIPLE_COILS(0x0F),
  /** 0x10 Write Multiple Registers. */
  WRITE_MULTIPLE_REGISTERS(0x10),
  /** 0x11 Report Server ID. */
  REPORT_SERVER_ID(0x11),
  /** 0x14 Read File Record. */
  READ_FILE_RECORD(0x14),
  /** 0x15 Write File Record. */
  WRITE_FILE_RECORD(0x15),
  /** 0x16 Mask Write Register. */
  MASK_WRITE_REGISTER(0x16),
  /** 0x17 Read/Write Multiple Registers. */
  READ_WRITE_MULTIPLE_REGISTERS(0x17),
  /** 0x18 Read FIFO Queue. */
  READ_FIFO_QUEUE(0x18),
  /** 0x2B Encapsulated Interface Transport (MEI: 0x0E Read Device Identification, 0x0D CANopen General Reference). */
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

  /** {@return the byte on the wire} */
  public int code() {
    return code;
  }

  /**
   * {@return the public function code with this value, empty for user-defined, reserved or out-of-range values}
   *
   * @param code the code
   */
  public static Optional<FunctionCode> of(int code) {
    return code >= 0 && code < BY_CODE.length ? Optional.ofNullable(BY_CODE[code]) : Optional.empty();
  }

  /**
   * {@return true for the user-defined ranges 65..72 and 100..110 (spec section 5)}
   *
   * @param code the code
   */
  public static boolean isUserDefined(int code) {
    return (code >= 65 && code <= 72) || (code >= 100 && code <= 110);
  }
}
