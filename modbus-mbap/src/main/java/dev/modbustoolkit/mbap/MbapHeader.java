package dev.modbustoolkit.mbap;

import dev.modbustoolkit.mbap.internal.Checks;

/**
 * The 7-byte MBAP (Modbus Application Protocol) header that precedes every PDU on Modbus TCP:
 *
 * <pre>
 * transaction id (2) | protocol id (2, 0 = Modbus) | length (2) | unit id (1) | PDU (length - 1)
 * </pre>
 *
 * <p>All fields are big-endian. {@code length} counts the bytes that follow the length field, that is the unit id
 * plus the PDU, so it lies in {@value #MIN_LENGTH}..{@value #MAX_LENGTH} for a PDU of 1..253 bytes.
 *
 * <p>The record accepts any protocol id so that it can describe what a peer actually sent; the length must be
 * one a frame boundary can be derived from.
 *
 * @param transactionId copied by the server into its response so the client can pair them; 0..65535
 * @param protocolId {@value #MODBUS_PROTOCOL_ID} for Modbus; 0..65535
 * @param length bytes after the length field (unit id + PDU); {@value #MIN_LENGTH}..{@value #MAX_LENGTH}
 * @param unitId the addressed device behind a gateway (0xFF or 0 for the TCP server itself); 0..255
 */
public record MbapHeader(int transactionId, int protocolId, int length, int unitId) {

  /** Bytes in the MBAP header, including the unit id. */
  public static final int HEADER_LENGTH = 7;

  /** The protocol id that identifies Modbus; anything else is another protocol and is not decoded. */
  public static final int MODBUS_PROTOCOL_ID = 0;

  /** Smallest valid length field: the unit id and a one-byte PDU (a bare function code). */
  public static final int MIN_LENGTH = 2;

  /** Largest valid length field: the unit id and a 253-byte PDU. */
  public static final int MAX_LENGTH = 254;

  /** Largest whole frame on the wire: 6 header bytes before the counted part plus {@value #MAX_LENGTH}. */
  public static final int MAX_FRAME_LENGTH = HEADER_LENGTH - 1 + MAX_LENGTH;

  /** Validates field ranges; throws {@link IllegalArgumentException} for a value out of range. */
  public MbapHeader {
    Checks.requireRange("transactionId", transactionId, 0, 0xFFFF);
    Checks.requireRange("protocolId", protocolId, 0, 0xFFFF);
    Checks.requireRange("length", length, MIN_LENGTH, MAX_LENGTH);
    Checks.requireRange("unitId", unitId, 0, 0xFF);
  }

  /**
   * {@return a Modbus header (protocol id 0) for a PDU of {@code pduLength} (1..253) bytes}
   *
   * @param transactionId the transaction id (0..65535)
   * @param unitId the unit id (0..255)
   * @param pduLength the pdu length
   */
  public static MbapHeader of(int transactionId, int unitId, int pduLength) {
    Checks.requireRange("pduLength", pduLength, MIN_LENGTH - 1, MAX_LENGTH - 1);
    return new MbapHeader(transactionId, MODBUS_PROTOCOL_ID, pduLength + 1, unitId);
  }

  /** {@return bytes of PDU that follow this header: {@code length - 1}} */
  public int pduLength() {
    return length - 1;
  }

  /** {@return bytes of the whole frame on the wire, header included: {@code 6 + length}} */
  public int frameLength() {
    return HEADER_LENGTH - 1 + length;
  }

  /** {@return whether the protocol id is {@value #MODBUS_PROTOCOL_ID}} */
  public boolean isModbus() {
    return protocolId == MODBUS_PROTOCOL_ID;
  }
}
