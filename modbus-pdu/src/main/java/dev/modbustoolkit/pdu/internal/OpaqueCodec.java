package dev.modbustoolkit.pdu.internal;

import static dev.modbustoolkit.pdu.internal.Wire.putU8;

import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.PduViolation;
import dev.modbustoolkit.pdu.UserDefinedRequest;
import dev.modbustoolkit.pdu.UserDefinedResponse;
import java.nio.ByteBuffer;

/** User-defined function codes (opaque data) and exception responses (spec 7). */
public final class OpaqueCodec {
  private OpaqueCodec() {}

  /** fc + 0x80, exception code. */
  public static final int EXCEPTION_LENGTH = 2;

  /** fc, data. */
  public static int length(UserDefinedRequest r) {
    return 1 + r.dataLength();
  }

  /** fc, data. */
  public static int length(UserDefinedResponse r) {
    return 1 + r.dataLength();
  }

  /** Writes the whole PDU. */
  public static void encode(UserDefinedRequest r, ByteBuffer out) {
    putU8(out, r.functionCode());
    for (int i = 0; i < r.dataLength(); i++) {
      putU8(out, r.dataByte(i));
    }
  }

  /** Writes the whole PDU. */
  public static void encode(UserDefinedResponse r, ByteBuffer out) {
    putU8(out, r.functionCode());
    for (int i = 0; i < r.dataLength(); i++) {
      putU8(out, r.dataByte(i));
    }
  }

  /** Writes the whole PDU. */
  public static void encode(ExceptionResponse r, ByteBuffer out) {
    putU8(out, r.wireFunctionCode());
    putU8(out, r.exceptionCode());
  }

  /** Decodes the rest of a user-defined request. */
  public static UserDefinedRequest userDefinedRequest(int fc, ByteBuffer in) {
    return new UserDefinedRequest(fc, Wire.rest(in));
  }

  /** Decodes the rest of a user-defined response. */
  public static UserDefinedResponse userDefinedResponse(int fc, ByteBuffer in) {
    return new UserDefinedResponse(fc, Wire.rest(in));
  }

  /** Decodes the rest of an exception response whose wire function code (with 0x80) was fc. */
  public static ExceptionResponse exceptionResponse(int fc, ByteBuffer in) {
    int original = fc & 0x7F;
    if (original == 0) {
      throw Wire.fail(PduViolation.UNSUPPORTED_FUNCTION_CODE, fc, fc, "exception response for function code 0");
    }
    Wire.exactly(in, 1, fc);
    return new ExceptionResponse(original, Wire.u8(in, fc));
  }
}
