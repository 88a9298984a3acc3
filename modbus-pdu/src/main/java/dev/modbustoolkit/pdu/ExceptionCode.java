package dev.modbustoolkit.pdu;

import java.util.Optional;

/** The exception codes of spec section 7, sent in an exception response. */
public enum ExceptionCode {
  /** 01: the function code is not one the server supports. */
  ILLEGAL_FUNCTION(0x01),
  /** 02: the address, or the address plus quantity, is not one the server has. */
  ILLEGAL_DATA_ADDRESS(0x02),
  /** 03: a value in the request (a quantity, a byte count, a coil value) is not allowed. */
  ILLEGAL_DATA_VALUE(0x03),
  /** 04: an unrecoverable error occurred while the server performed the action. */
  SERVER_DEVICE_FAILURE(0x04),
  /** 05: the server accepted a long-running request and is processing it. */
  ACKNOWLEDGE(0x05),
  /** 06: the server is busy with a long-running command; the client should retry later. */
  SERVER_DEVICE_BUSY(0x06),
  /** 07: the server cannot perform the program function requested. */
  NEGATIVE_ACKNOWLEDGE(0x07),
  /** 08: the server found a parity error in its extended memory (file records). */
  MEMORY_PARITY_ERROR(0x08),
  /** 0A: a gateway could not allocate a path to the target device. */
  GATEWAY_PATH_UNAVAILABLE(0x0A),
  /** 0B: a gateway got no response from the target device. */
  GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND(0x0B);

  private final int code;

  ExceptionCode(int code) {
    this.code = code;
  }

  /** {@return the byte on the wire} */
  public int code() {
    return code;
  }

  /**
   * {@return the exception code with this value, empty when the spec defines none}
   *
   * @param code the code
   */
  public static Optional<ExceptionCode> of(int code) {
    for (ExceptionCode c : values()) {
      if (c.code == code) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
