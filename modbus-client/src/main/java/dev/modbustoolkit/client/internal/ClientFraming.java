package dev.modbustoolkit.client.internal;

/**
 * How a client frames its requests and finds the answers in the bytes it receives: the client side of a framing,
 * where the transport layer's {@code FrameCodec} is the server side. One instance per link, used by the link's
 * writer (under the client's lock) and its reader thread: {@link #encode} and the scanning methods touch no shared
 * state.
 */
public interface ClientFraming {
  /** {@return whether frames carry a transaction id (MBAP): answers are matched by it and may be pipelined} */
  boolean transactionIds();

  /** {@return the longest frame of this framing} */
  int maxFrameLength();

  /**
   * Writes the request frame at the start of {@code out}.
   *
   * @param out where the frame goes; at least {@link #maxFrameLength()} long
   * @param transactionId the transaction id, 0..65535 (ignored without transaction ids)
   * @param unitId the unit, 0..255
   * @param pdu the request PDU
   * @return the frame's length
   */
  int encode(byte[] out, int transactionId, int unitId, byte[] pdu);

  /**
   * Looks for an answer frame at {@code start}.
   *
   * @param in the received bytes
   * @param start where the unconsumed bytes begin
   * @param available how many bytes there are from {@code start}
   * @param expectedPduLength the answer PDU's length when the request tells it (FC 08 echoes its request) and the
   *     answer's function code cannot, or -1
   * @return a positive frame length, 0 for "need more", or {@code -n}: skip {@code n} bytes that start no frame
   * @throws dev.modbustoolkit.client.ModbusProtocolException when the stream cannot be framed any more
   */
  int scan(byte[] in, int start, int available, int expectedPduLength);

  /**
   * Looks for an answer frame at {@code start} once the line has been silent for the inter-frame time (t3.5 on a
   * serial line, Serial Line V1.02 §2.5.1.1) with bytes pending that {@link #scan} did not frame: on a serial line
   * that silence ends the frame, the fallback for answers whose length their function code does not tell. The
   * reader calls it only on links that have such a silence ({@link Conduit#interFrameSilenceNanos()}). By default
   * a silence ends nothing.
   *
   * @param in the received bytes
   * @param start where the unconsumed bytes begin
   * @param available how many bytes there are from {@code start}, at least 1
   * @param expectedPduLength as for {@link #scan}
   * @return a positive frame length, 0 to keep waiting, or {@code -n}: drop {@code n} bytes that are no frame
   */
  default int scanAtSilence(byte[] in, int start, int available, int expectedPduLength) {
    return 0;
  }

  /**
   * {@return the transaction id of the frame {@link #scan} found at {@code start}, or 0 without them}
   *
   * @param in the received bytes
   * @param start the frame's start
   */
  int transactionId(byte[] in, int start);

  /**
   * {@return the unit id of the frame found at {@code start}}
   *
   * @param in the received bytes
   * @param start the frame's start
   */
  int unitId(byte[] in, int start);

  /**
   * {@return a copy of the answer PDU of the frame found at {@code start}}
   *
   * @param in the received bytes
   * @param start the frame's start
   * @param length the frame's length, as {@link #scan} returned it
   */
  byte[] pdu(byte[] in, int start, int length);
}
