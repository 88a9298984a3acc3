package dev.modbustoolkit.mbap;

/**
 * Why the bytes at the head of a Modbus TCP stream are not a valid MBAP frame. The decoder checks the length field
 * first and the protocol id second, so {@link #PROTOCOL_ID_NOT_MODBUS} always comes with a usable length.
 */
public enum MbapViolation {
  /**
   * The protocol id is not 0. The length field is valid, so the frame boundary is known: the decoder waits for the
   * whole frame, skips it, and the connection can carry on with the next frame.
   */
  PROTOCOL_ID_NOT_MODBUS,

  /**
   * The length field is below {@value MbapHeader#MIN_LENGTH} (no room for unit id and function code). The frame
   * boundary is unknown, so the stream cannot be resynchronised: the connection must be closed.
   */
  LENGTH_TOO_SHORT,

  /**
   * The length field is above {@value MbapHeader#MAX_LENGTH} (a PDU longer than 253 bytes). The frame boundary
   * cannot be trusted, so the stream cannot be resynchronised: the connection must be closed.
   */
  LENGTH_TOO_LONG;

  /**
   * {@return whether the end of the offending frame is known, so the decoder can drop it and the stream can continue}
   * True only for {@link #PROTOCOL_ID_NOT_MODBUS}, which the decoder reports only when the length is valid.
   */
  public boolean frameBoundaryKnown() {
    return this == PROTOCOL_ID_NOT_MODBUS;
  }
}
