package dev.modbustoolkit.pdu;

/** Numeric limits of the Modbus Application Protocol Specification V1.1b3. */
public final class ModbusLimits {
  /** A PDU is at most 253 bytes (256-byte serial ADU minus address and CRC). */
  public static final int MAX_PDU_LENGTH = 253;
  /** FC01/FC02 quantity 1..2000 (0x7D0). */
  public static final int MAX_READ_BITS = 2000;
  /** FC03/FC04 quantity 1..125 (0x7D). */
  public static final int MAX_READ_REGISTERS = 125;
  /** FC0F quantity 1..1968 (0x7B0). */
  public static final int MAX_WRITE_COILS = 1968;
  /** FC10 quantity 1..123 (0x7B). */
  public static final int MAX_WRITE_REGISTERS = 123;
  /** FC17 read quantity 1..125 (0x7D). */
  public static final int MAX_READ_WRITE_READ = 125;
  /** FC17 write quantity 1..121 (0x79). */
  public static final int MAX_READ_WRITE_WRITE = 121;
  /** FC18 at most 31 queued registers. */
  public static final int MAX_FIFO_COUNT = 31;
  /** FC14/FC15 record numbers 0..0x270F (9999). */
  public static final int MAX_FILE_RECORD_NUMBER = 0x270F;
  /** FC14/FC15 reference type, always 6. */
  public static final int FILE_REFERENCE_TYPE = 6;
  /** Highest 16-bit data address. */
  public static final int MAX_ADDRESS = 0xFFFF;
  /** Number of addresses in one data model table: address + quantity must not exceed it. */
  public static final int ADDRESS_SPACE = 0x10000;
  /** Highest 16-bit register value. */
  public static final int MAX_REGISTER_VALUE = 0xFFFF;
  /** FC01/FC02 response byte count 1..250 (ceil(2000 / 8)). */
  public static final int MAX_BIT_BYTE_COUNT = 250;
  /** FC08 data after the sub-function: at most 250 bytes. */
  public static final int MAX_DIAGNOSTIC_DATA_LENGTH = 250;
  /** FC0C response: at most 64 event bytes. */
  public static final int MAX_COMM_EVENTS = 64;
  /** FC11 response byte count 1..251. */
  public static final int MAX_REPORT_SERVER_ID_LENGTH = 251;
  /** FC14 request byte count minimum (one 7-byte sub-request). */
  public static final int MIN_READ_FILE_BYTE_COUNT = 0x07;
  /** FC14 request byte count maximum (35 sub-requests). */
  public static final int MAX_READ_FILE_BYTE_COUNT = 0xF5;
  /** FC14 sub-request size in bytes. */
  public static final int READ_FILE_SUB_REQUEST_LENGTH = 7;
  /** FC14 response data length minimum: one sub-response holding one register. */
  public static final int MIN_READ_FILE_RESPONSE_LENGTH = 4;
  /** FC14 response data length maximum so that the response PDU fits in 253 bytes. */
  public static final int MAX_READ_FILE_RESPONSE_LENGTH = 251;
  /** FC15 request data length minimum (one record of one register). */
  public static final int MIN_WRITE_FILE_DATA_LENGTH = 0x09;
  /** FC15 request data length maximum. */
  public static final int MAX_WRITE_FILE_DATA_LENGTH = 0xFB;
  /** FC2B: data after the MEI type, at most 251 bytes. */
  public static final int MAX_MEI_DATA_LENGTH = 251;
  /** FC2B/0E: one object value is at most 245 bytes. */
  public static final int MAX_DEVICE_ID_OBJECT_LENGTH = 245;
  /** User-defined function codes: at most 252 data bytes. */
  public static final int MAX_USER_DEFINED_DATA_LENGTH = 252;
  /** MEI type of Read Device Identification. */
  public static final int MEI_READ_DEVICE_IDENTIFICATION = 0x0E;
  /** MEI type of CANopen General Reference. */
  public static final int MEI_CANOPEN_GENERAL_REFERENCE = 0x0D;
  /** Added to the function code in an exception response. */
  public static final int EXCEPTION_OFFSET = 0x80;

  private ModbusLimits() {}
}
