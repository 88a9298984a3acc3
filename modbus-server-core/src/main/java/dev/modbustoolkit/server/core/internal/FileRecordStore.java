package dev.modbustoolkit.server.core.internal;

import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.FileRecord;
import dev.modbustoolkit.pdu.FileRecordData;
import dev.modbustoolkit.pdu.FileRecordReference;
import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.ReadFileRecordRequest;
import dev.modbustoolkit.pdu.ReadFileRecordResponse;
import dev.modbustoolkit.pdu.WriteFileRecordRequest;
import dev.modbustoolkit.pdu.WriteFileRecordResponse;
import dev.modbustoolkit.registers.AccessStatus;
import dev.modbustoolkit.registers.ChangeOrigin;
import dev.modbustoolkit.registers.RegisterTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** In-memory files for FC 0x14 / 0x15: records 0..9999 of each configured file number, as registers. */
public final class FileRecordStore {
  /** Records per file: record numbers 0..0x270F. */
  public static final int FILE_RECORDS = ModbusLimits.MAX_FILE_RECORD_NUMBER + 1;

  private final Map<Integer, RegisterTable> files;

  /** One empty file per number. */
  public FileRecordStore(Iterable<Integer> fileNumbers) {
    Map<Integer, RegisterTable> fs = new TreeMap<>();
    for (int fileNumber : fileNumbers) {
      fs.put(fileNumber, RegisterTable.dense(0, FILE_RECORDS));
    }
    this.files = Collections.unmodifiableMap(fs);
  }

  /** The file with this number, or null. */
  public @Nullable RegisterTable file(int fileNumber) {
    return files.get(fileNumber);
  }

  /** The configured file numbers, sorted. */
  public Set<Integer> fileNumbers() {
    return files.keySet();
  }

  /** FC 0x14: every reference is checked before any is read. */
  public ModbusResponse read(ReadFileRecordRequest r) {
    for (FileRecordReference ref : r.references()) {
      RegisterTable file = files.get(ref.fileNumber());
      if (file == null || file.checkRead(ref.recordNumber(), ref.recordLength()) != AccessStatus.OK) {
        return illegalAddress(r);
      }
    }
    List<FileRecordData> records = new ArrayList<>(r.references().size());
    for (FileRecordReference ref : r.references()) {
      short[] values = new short[ref.recordLength()];
      RegisterTable file = Objects.requireNonNull(files.get(ref.fileNumber()));
      if (file.readRegisters(ref.recordNumber(), ref.recordLength(), values, 0) != AccessStatus.OK) {
        return illegalAddress(r);
      }
      records.add(new FileRecordData(values));
    }
    return new ReadFileRecordResponse(records);
  }

  /** FC 0x15: every sub-request is checked before the first is written, so a refused request changes nothing. */
  public ModbusResponse write(WriteFileRecordRequest r) {
    for (FileRecord record : r.records()) {
      RegisterTable file = files.get(record.fileNumber());
      if (file == null || file.checkWrite(record.recordNumber(), record.recordLength()) != AccessStatus.OK) {
        return illegalAddress(r);
      }
    }
    for (FileRecord record : r.records()) {
      RegisterTable file = Objects.requireNonNull(files.get(record.fileNumber()));
      file.writeRegisters(record.recordNumber(), record.values(), ChangeOrigin.WIRE);
    }
    return new WriteFileRecordResponse(r.records());
  }

  private static ExceptionResponse illegalAddress(ModbusRequest r) {
    return new ExceptionResponse(r.functionCode(), ExceptionCode.ILLEGAL_DATA_ADDRESS);
  }
}
