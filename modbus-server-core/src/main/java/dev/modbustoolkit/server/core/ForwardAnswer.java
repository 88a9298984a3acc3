package dev.modbustoolkit.server.core;

import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ModbusLimits;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a {@link ForwardingHandler} answers a request with, when its future completes: a response PDU as the device
 * sent it, an exception code, or nothing (a broadcast, a request the device ignores). A value, so "answer exception
 * 0x0A" is normal traffic, not a thrown exception; a handler whose failures come as exceptions can complete its
 * future with a {@link ForwardingException} instead.
 */
public sealed interface ForwardAnswer permits ForwardAnswer.Response, ForwardAnswer.Exceptional,
    ForwardAnswer.NoAnswer {

  /**
   * {@return an answer with the response PDU {@code pdu} (function code first), normal or exception}
   *
   * @param pdu the response PDU, 1..253 bytes; copied
   * @throws IllegalArgumentException when {@code pdu} is empty or longer than 253 bytes
   */
  static ForwardAnswer response(byte[] pdu) {
    return new Response(pdu);
  }

  /**
   * {@return an answer with the exception response {@code code} for the request's function code}
   *
   * @param code the exception code, e.g. {@link ExceptionCode#GATEWAY_PATH_UNAVAILABLE} (0x0A)
   */
  static ForwardAnswer exception(ExceptionCode code) {
    return new Exceptional(Objects.requireNonNull(code, "code").code());
  }

  /**
   * {@return an answer with the exception response {@code exceptionCode} (1..255) for the request's function code}
   *
   * @param exceptionCode the exception code, 1..255
   * @throws IllegalArgumentException when {@code exceptionCode} is outside 1..255
   */
  static ForwardAnswer exception(int exceptionCode) {
    return new Exceptional(exceptionCode);
  }

  /** {@return the answer that sends nothing (a broadcast, a request the device did not answer on purpose)} */
  static ForwardAnswer none() {
    return NoAnswer.INSTANCE;
  }

  /** Rejects an exception code outside 1..255, naming it; returns it. */
  private static int checkExceptionCode(int exceptionCode) {
    if (exceptionCode < 1 || exceptionCode > 0xFF) {
      throw new IllegalArgumentException("exception code " + exceptionCode + " out of range 1..255");
    }
    return exceptionCode;
  }

  /**
   * A response PDU, sent as the handler gave it (in {@link ForwardingMode#VALIDATE} checked to answer the request).
   *
   * @param pdu the response PDU, 1..253 bytes, function code first; copied in and out
   */
  record Response(byte[] pdu) implements ForwardAnswer {
    /**
     * Copies the PDU and checks its length.
     *
     * @throws IllegalArgumentException when {@code pdu} is empty or longer than 253 bytes
     */
    public Response {
      Objects.requireNonNull(pdu, "pdu");
      if (pdu.length < 1 || pdu.length > ModbusLimits.MAX_PDU_LENGTH) {
        throw new IllegalArgumentException(
            "response PDU of " + pdu.length + " bytes, not 1.." + ModbusLimits.MAX_PDU_LENGTH);
      }
      pdu = pdu.clone();
    }

    /** {@return a copy of the response PDU} */
    @Override
    public byte[] pdu() {
      return pdu.clone();
    }

    /** {@return the PDU's length, 1..253} */
    public int length() {
      return pdu.length;
    }

    /** {@return the function code byte, 0..255 (bit 0x80 set for an exception response)} */
    public int functionCode() {
      return Byte.toUnsignedInt(pdu[0]);
    }

    /**
     * Writes the PDU at {@code out}'s position, advancing it: for transports, which thus copy it once.
     *
     * @param out the buffer the PDU goes into
     * @throws java.nio.BufferOverflowException when {@code out} has less than {@link #length()} bytes remaining
     */
    public void writeTo(ByteBuffer out) {
      out.put(pdu);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Response r && Arrays.equals(pdu, r.pdu);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(pdu);
    }

    @Override
    public String toString() {
      return "Response[" + HexFormat.of().formatHex(pdu) + "]";
    }
  }

  /**
   * The exception response {@code exceptionCode} for the request's function code.
   *
   * @param exceptionCode the exception code, 1..255
   */
  record Exceptional(int exceptionCode) implements ForwardAnswer {
    /**
     * Checks the code.
     *
     * @throws IllegalArgumentException when {@code exceptionCode} is outside 1..255
     */
    public Exceptional {
      checkExceptionCode(exceptionCode);
    }
  }

  /** Nothing is sent. */
  enum NoAnswer implements ForwardAnswer {
    /** The one instance. */
    INSTANCE
  }
}
