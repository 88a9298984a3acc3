package dev.modbustoolkit.pdu.internal;

import static dev.modbustoolkit.pdu.internal.Wire.putU16;
import static dev.modbustoolkit.pdu.internal.Wire.putU8;

import dev.modbustoolkit.pdu.FileRecord;
import dev.modbustoolkit.pdu.FileRecordData;
import dev.modbustoolkit.pdu.FileRecordReference;
import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.pdu.PduViolation;
import dev.modbustoolkit.pdu.ReadFileRecordRequest;
import dev.modbustoolkit.pdu.ReadFileRecordResponse;
import dev.modbustoolkit.pdu.WriteFileRecordRequest;
import dev.modbustoolkit.pdu.WriteFileRecordResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** FC14, FC15: file record access (spec 6.14, 6.15). */
public final class FileRecordCodec {
  private static final int FC14 = 0x14;
  private static final int FC15 = 0x15;

  private FileRecordCodec() {}

  /** fc, byte count, 7 bytes per sub-request. */
  public static int length(ReadFileRecordRequest r) {
    return 2 + r.byteCount();
  }

  /** fc, response data length, sub-responses. */
  public static int length(ReadFileRecordResponse r) {
    return 2 + r.responseDataLength();
  }

  /** fc, request data length, records. */
  public static int length(WriteFileRecordRequest r) {
    return 2 + r.dataLength();
  }

  /** fc, response data length, records. */
  public static int length(WriteFileRecordResponse r) {
    return 2 + r.dataLength();
  }

  /** Writes the whole PDU. */
  public static void encode(ReadFileRecordRequest r, ByteBuffer out) {
    List<FileRecordReference> references = r.references();
    putU8(out, FC14);
    putU8(out, r.byteCount());
    for (int i = 0; i < references.size(); i++) {
      FileRecordReference ref = references.get(i);
      putU8(out, ModbusLimits.FILE_REFERENCE_TYPE);
      putU16(out, ref.fileNumber());
      putU16(out, ref.recordNumber());
      putU16(out, ref.recordLength());
    }
  }

  /** Writes the whole PDU. */
  public static void encode(ReadFileRecordResponse r, ByteBuffer out) {
    List<FileRecordData> records = r.records();
    putU8(out, FC14);
    putU8(out, r.responseDataLength());
    for (int i = 0; i < records.size(); i++) {
      FileRecordData data = records.get(i);
      putU8(out, data.fileResponseLength());
      putU8(out, ModbusLimits.FILE_REFERENCE_TYPE);
      for (int j = 0; j < data.recordLength(); j++) {
        putU16(out, data.value(j));
      }
    }
  }

  /** Writes the whole PDU. */
  public static void encode(WriteFileRecordRequest r, ByteBuffer out) {
    writeRecords(out, r.dataLength(), r.records());
  }

  /** Writes the whole PDU. */
  public static void encode(WriteFileRecordResponse r, ByteBuffer out) {
    writeRecords(out, r.dataLength(), r.records());
  }

  private static void writeRecords(ByteBuffer out, int dataLength, List<FileRecord> records) {
    putU8(out, FC15);
    putU8(out, dataLength);
    for (int i = 0; i < records.size(); i++) {
      FileRecord record = records.get(i);
      putU8(out, ModbusLimits.FILE_REFERENCE_TYPE);
      putU16(out, record.fileNumber());
      putU16(out, record.recordNumber());
      putU16(out, record.recordLength());
      for (int j = 0; j < record.recordLength(); j++) {
        putU16(out, record.value(j));
      }
    }
  }

  // ---- decoders: the function code has been consumed

  /** Decodes the rest of an FC14 request: byte count 0x07..0xF5, a multiple of 7. */
  public static ReadFileRecordRequest readFileRecordRequest(ByteBuffer in) {
    int byteCount = Wire.u8(in, FC14);
    if (byteCount < ModbusLimits.MIN_READ_FILE_BYTE_COUNT || byteCount > ModbusLimits.MAX_READ_FILE_BYTE_COUNT
        || byteCount % ModbusLimits.READ_FILE_SUB_REQUEST_LENGTH != 0) {
      throw Wire.fail(PduViolation.BYTE_COUNT_MISMATCH, FC14, byteCount,
          "byte count " + byteCount + " must be a multiple of 7 in 7..245");
    }
    Wire.exactly(in, byteCount, FC14);
    int count = byteCount / ModbusLimits.READ_FILE_SUB_REQUEST_LENGTH;
    List<FileRecordReference> references = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      referenceType(in, FC14);
      int fileNumber = Wire.u16(in, FC14);
      int recordNumber = Wire.u16(in, FC14);
      int recordLength = Wire.u16(in, FC14);
      references.add(new FileRecordReference(fileNumber, recordNumber, recordLength));
    }
    return new ReadFileRecordRequest(references);
  }

  /** Decodes the rest of an FC14 response: each file response length is 1 + 2n and stays inside the data. */
  public static ReadFileRecordResponse readFileRecordResponse(ByteBuffer in) {
    int dataLength = Wire.u8(in, FC14);
    if (dataLength < ModbusLimits.MIN_READ_FILE_RESPONSE_LENGTH
        || dataLength > ModbusLimits.MAX_READ_FILE_RESPONSE_LENGTH) {
      throw Wire.fail(PduViolation.BYTE_COUNT_MISMATCH, FC14, dataLength,
          "response data length " + dataLength + " out of range 4..251");
    }
    Wire.exactly(in, dataLength, FC14);
    List<FileRecordData> records = new ArrayList<>();
    while (in.hasRemaining()) {
      int fileResponseLength = Wire.u8(in, FC14);
      if (fileResponseLength < 3 || (fileResponseLength & 1) == 0 || fileResponseLength > in.remaining()) {
        throw Wire.fail(PduViolation.BYTE_COUNT_MISMATCH, FC14, fileResponseLength,
            "file response length " + fileResponseLength + " must be odd, at least 3 and within the "
                + in.remaining() + " bytes left");
      }
      referenceType(in, FC14);
      records.add(new FileRecordData(Wire.words(in, (fileResponseLength - 1) / 2, FC14)));
    }
    return new ReadFileRecordResponse(records);
  }

  /** Decodes the rest of an FC15 request. */
  public static WriteFileRecordRequest writeFileRecordRequest(ByteBuffer in) {
    return new WriteFileRecordRequest(records(in));
  }

  /** Decodes the rest of an FC15 response. */
  public static WriteFileRecordResponse writeFileRecordResponse(ByteBuffer in) {
    return new WriteFileRecordResponse(records(in));
  }

  // data length 0x09..0xFB, then records of 7 + 2n bytes that exactly fill it
  private static List<FileRecord> records(ByteBuffer in) {
    int dataLength = Wire.u8(in, FC15);
    if (dataLength < ModbusLimits.MIN_WRITE_FILE_DATA_LENGTH || dataLength > ModbusLimits.MAX_WRITE_FILE_DATA_LENGTH) {
      throw Wire.fail(PduViolation.BYTE_COUNT_MISMATCH, FC15, dataLength,
          "request data length " + dataLength + " out of range 9..251");
    }
    Wire.exactly(in, dataLength, FC15);
    List<FileRecord> records = new ArrayList<>();
    while (in.hasRemaining()) {
      if (in.remaining() < 7) {
        throw Wire.fail(PduViolation.BYTE_COUNT_MISMATCH, FC15, in.remaining(),
            in.remaining() + " bytes left cannot hold a record header of 7 bytes");
      }
      referenceType(in, FC15);
      int fileNumber = Wire.u16(in, FC15);
      int recordNumber = Wire.u16(in, FC15);
      int recordLength = Wire.u16(in, FC15);
      if (2 * recordLength > in.remaining()) {
        throw Wire.fail(PduViolation.BYTE_COUNT_MISMATCH, FC15, recordLength,
            "record length " + recordLength + " exceeds the " + in.remaining() + " bytes left");
      }
      records.add(new FileRecord(fileNumber, recordNumber, Wire.words(in, recordLength, FC15)));
    }
    return records;
  }

  private static void referenceType(ByteBuffer in, int fc) {
    int type = Wire.u8(in, fc);
    if (type != ModbusLimits.FILE_REFERENCE_TYPE) {
      throw Wire.fail(PduViolation.FILE_RECORD_OUT_OF_RANGE, fc, type, "reference type " + type + " must be 6");
    }
  }
}
