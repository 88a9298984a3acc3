package dev.modbustoolkit.pdu.internal;

import static dev.modbustoolkit.pdu.internal.Wire.putU16;
import static dev.modbustoolkit.pdu.internal.Wire.putU8;

import dev.modbustoolkit.pdu.DiagnosticsRequest;
import dev.modbustoolkit.pdu.DiagnosticsResponse;
import dev.modbustoolkit.pdu.GetCommEventCounterResponse;
import dev.modbustoolkit.pdu.GetCommEventLogResponse;
import dev.modbustoolkit.pdu.PduViolation;
import dev.modbustoolkit.pdu.ReadExceptionStatusResponse;
import dev.modbustoolkit.pdu.ReportServerIdResponse;
import java.nio.ByteBuffer;

/** FC07, FC08, FC0B, FC0C, FC11: serial-line diagnostics (spec 6.7-6.10, 6.13). */
public final class DiagnosticsCodec {
  private static final int FC07 = 0x07;
  private static final int FC08 = 0x08;
  private static final int FC0B = 0x0B;
  private static final int FC0C = 0x0C;
  private static final int FC11 = 0x11;

  private DiagnosticsCodec() {}

  /** fc, sub-function, data. */
  public static int length(DiagnosticsRequest r) {
    return 3 + r.dataLength();
  }

  /** fc, sub-function, data. */
  public static int length(DiagnosticsResponse r) {
    return 3 + r.dataLength();
  }

  /** fc, byte count, status, event count, message count, events. */
  public static int length(GetCommEventLogResponse r) {
    return 8 + r.numberOfEvents();
  }

  /** fc, byte count, data. */
  public static int length(ReportServerIdResponse r) {
    return 2 + r.byteCount();
  }

  /** Writes the function code alone (FC07, FC0B, FC0C, FC11 requests). */
  public static void encodeEmpty(int fc, ByteBuffer out) {
    putU8(out, fc);
  }

  /** Writes the whole PDU. */
  public static void encode(ReadExceptionStatusResponse r, ByteBuffer out) {
    putU8(out, FC07);
    putU8(out, r.outputData());
  }

  /** Writes the whole PDU. */
  public static void encode(DiagnosticsRequest r, ByteBuffer out) {
    putU8(out, FC08);
    putU16(out, r.subFunction());
    for (int i = 0; i < r.dataLength(); i++) {
      putU8(out, r.dataByte(i));
    }
  }

  /** Writes the whole PDU. */
  public static void encode(DiagnosticsResponse r, ByteBuffer out) {
    putU8(out, FC08);
    putU16(out, r.subFunction());
    for (int i = 0; i < r.dataLength(); i++) {
      putU8(out, r.dataByte(i));
    }
  }

  /** Writes the whole PDU. */
  public static void encode(GetCommEventCounterResponse r, ByteBuffer out) {
    putU8(out, FC0B);
    putU16(out, r.status());
    putU16(out, r.eventCount());
  }

  /** Writes the whole PDU. */
  public static void encode(GetCommEventLogResponse r, ByteBuffer out) {
    putU8(out, FC0C);
    putU8(out, r.byteCount());
    putU16(out, r.status());
    putU16(out, r.eventCount());
    putU16(out, r.messageCount());
    for (int i = 0; i < r.numberOfEvents(); i++) {
      putU8(out, r.event(i));
    }
  }

  /** Writes the whole PDU. */
  public static void encode(ReportServerIdResponse r, ByteBuffer out) {
    putU8(out, FC11);
    putU8(out, r.byteCount());
    for (int i = 0; i < r.byteCount(); i++) {
      putU8(out, r.dataByte(i));
    }
  }

  // ---- decoders: the function code has been consumed

  /** Checks that a request with no data (FC07, FC0B, FC0C, FC11) has none. */
  public static void emptyRequest(ByteBuffer in, int fc) {
    Wire.end(in, fc);
  }

  /** Decodes the rest of an FC07 response. */
  public static ReadExceptionStatusResponse readExceptionStatusResponse(ByteBuffer in) {
    Wire.exactly(in, 1, FC07);
    return new ReadExceptionStatusResponse(Wire.u8(in, FC07));
  }

  /** Decodes the rest of an FC08 request: the data rules per sub-function live in the record. */
  public static DiagnosticsRequest diagnosticsRequest(ByteBuffer in) {
    int subFunction = Wire.u16(in, FC08);
    return new DiagnosticsRequest(subFunction, Wire.rest(in));
  }

  /** Decodes the rest of an FC08 response: any sub-function, any data up to 250 bytes. */
  public static DiagnosticsResponse diagnosticsResponse(ByteBuffer in) {
    int subFunction = Wire.u16(in, FC08);
    return new DiagnosticsResponse(subFunction, Wire.rest(in));
  }

  /** Decodes the rest of an FC0B response. */
  public static GetCommEventCounterResponse getCommEventCounterResponse(ByteBuffer in) {
    Wire.exactly(in, 4, FC0B);
    boolean busy = status(in, FC0B);
    return new GetCommEventCounterResponse(busy, Wire.u16(in, FC0B));
  }

  /** Decodes the rest of an FC0C response: byte count == 6 + events. */
  public static GetCommEventLogResponse getCommEventLogResponse(ByteBuffer in) {
    int byteCount = Wire.u8(in, FC0C);
    if (byteCount < 6) {
      throw Wire.fail(PduViolation.BYTE_COUNT_MISMATCH, FC0C, byteCount,
          "byte count " + byteCount + " must be at least 6 (status, event count, message count)");
    }
    Wire.exactly(in, byteCount, FC0C);
    boolean busy = status(in, FC0C);
    int eventCount = Wire.u16(in, FC0C);
    int messageCount = Wire.u16(in, FC0C);
    return new GetCommEventLogResponse(busy, eventCount, messageCount, Wire.bytes(in, byteCount - 6, FC0C));
  }

  private static boolean status(ByteBuffer in, int fc) {
    int status = Wire.u16(in, fc);
    if (status != 0x0000 && status != 0xFFFF) {
      throw Wire.fail(PduViolation.ILLEGAL_VALUE, fc, status,
          "status 0x" + Integer.toHexString(status) + " must be 0x0000 (ready) or 0xFFFF (busy)");
    }
    return status == 0xFFFF;
  }

  /** Decodes the rest of an FC11 response. */
  public static ReportServerIdResponse reportServerIdResponse(ByteBuffer in) {
    int byteCount = Wire.u8(in, FC11);
    Wire.exactly(in, byteCount, FC11);
    return new ReportServerIdResponse(Wire.bytes(in, byteCount, FC11));
  }
}
