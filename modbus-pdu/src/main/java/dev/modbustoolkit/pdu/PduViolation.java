package dev.modbustoolkit.pdu;

/** Why a PDU or a PDU value is invalid, with the exception code a server answers for it. */
public enum PduViolation {
  /** The function code is not implemented (neither public nor user-defined). */
  UNSUPPORTED_FUNCTION_CODE(ExceptionCode.ILLEGAL_FUNCTION),
  /** FC08 sub-function unknown, or FC2B MEI type other than 0x0D/0x0E in a request. */
  UNSUPPORTED_SUB_FUNCTION(ExceptionCode.ILLEGAL_FUNCTION),
  /** A quantity or a length is outside the range the spec allows. */
  QUANTITY_OUT_OF_RANGE(ExceptionCode.ILLEGAL_DATA_VALUE),
  /** A byte count disagrees with the quantity or the data, or is outside its range. */
  BYTE_COUNT_MISMATCH(ExceptionCode.ILLEGAL_DATA_VALUE),
  /** A field holds a value the spec forbids (coil value, diagnostic data, device id code, ...). */
  ILLEGAL_VALUE(ExceptionCode.ILLEGAL_DATA_VALUE),
  /** The PDU ends before the fields it announces. */
  TRUNCATED(ExceptionCode.ILLEGAL_DATA_VALUE),
  /** Bytes are left over after a complete PDU. */
  TRAILING_BYTES(ExceptionCode.ILLEGAL_DATA_VALUE),
  /** No bytes at all, not even a function code. */
  EMPTY_PDU(ExceptionCode.ILLEGAL_DATA_VALUE),
  /** An address above 0xFFFF, or address + quantity beyond 65536. */
  ADDRESS_OUT_OF_RANGE(ExceptionCode.ILLEGAL_DATA_ADDRESS),
  /** File record access: reference type not 6, file number 0 or record number above 0x270F. */
  FILE_RECORD_OUT_OF_RANGE(ExceptionCode.ILLEGAL_DATA_ADDRESS);

  private final ExceptionCode exceptionCode;

  PduViolation(ExceptionCode exceptionCode) {
    this.exceptionCode = exceptionCode;
  }

  /** {@return the exception code a server sends back for this violation} */
  public ExceptionCode exceptionCode() {
    return exceptionCode;
  }
}
