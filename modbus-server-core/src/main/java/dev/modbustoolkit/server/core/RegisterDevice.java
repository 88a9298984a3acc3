package dev.modbustoolkit.server.core;

import dev.modbustoolkit.pdu.DiagnosticSubFunction;
import dev.modbustoolkit.pdu.DiagnosticsRequest;
import dev.modbustoolkit.pdu.DiagnosticsResponse;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.FileRecord;
import dev.modbustoolkit.pdu.FileRecordData;
import dev.modbustoolkit.pdu.FileRecordReference;
import dev.modbustoolkit.pdu.FunctionCode;
import dev.modbustoolkit.pdu.GetCommEventCounterRequest;
import dev.modbustoolkit.pdu.GetCommEventCounterResponse;
import dev.modbustoolkit.pdu.GetCommEventLogRequest;
import dev.modbustoolkit.pdu.GetCommEventLogResponse;
import dev.modbustoolkit.pdu.MaskWriteRegisterRequest;
import dev.modbustoolkit.pdu.MaskWriteRegisterResponse;
import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.ReadCoilsRequest;
import dev.modbustoolkit.pdu.ReadCoilsResponse;
import dev.modbustoolkit.pdu.ReadDeviceIdentificationRequest;
import dev.modbustoolkit.pdu.ReadDeviceIdentificationResponse;
import dev.modbustoolkit.pdu.ReadDiscreteInputsRequest;
import dev.modbustoolkit.pdu.ReadDiscreteInputsResponse;
import dev.modbustoolkit.pdu.ReadExceptionStatusRequest;
import dev.modbustoolkit.pdu.ReadExceptionStatusResponse;
import dev.modbustoolkit.pdu.ReadFifoQueueRequest;
import dev.modbustoolkit.pdu.ReadFifoQueueResponse;
import dev.modbustoolkit.pdu.ReadFileRecordRequest;
import dev.modbustoolkit.pdu.ReadFileRecordResponse;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersResponse;
import dev.modbustoolkit.pdu.ReadInputRegistersRequest;
import dev.modbustoolkit.pdu.ReadInputRegistersResponse;
import dev.modbustoolkit.pdu.ReadWriteMultipleRegistersRequest;
import dev.modbustoolkit.pdu.ReadWriteMultipleRegistersResponse;
import dev.modbustoolkit.pdu.ReportServerIdRequest;
import dev.modbustoolkit.pdu.ReportServerIdResponse;
import dev.modbustoolkit.pdu.WriteFileRecordRequest;
import dev.modbustoolkit.pdu.WriteFileRecordResponse;
import dev.modbustoolkit.pdu.WriteMultipleCoilsRequest;
import dev.modbustoolkit.pdu.WriteMultipleCoilsResponse;
import dev.modbustoolkit.pdu.WriteMultipleRegistersRequest;
import dev.modbustoolkit.pdu.WriteMultipleRegistersResponse;
import dev.modbustoolkit.pdu.WriteSingleCoilRequest;
import dev.modbustoolkit.pdu.WriteSingleCoilResponse;
import dev.modbustoolkit.pdu.WriteSingleRegisterRequest;
import dev.modbustoolkit.pdu.WriteSingleRegisterResponse;
import dev.modbustoolkit.registers.AccessStatus;
import dev.modbustoolkit.registers.BitTable;
import dev.modbustoolkit.registers.ChangeOrigin;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.RegisterTable;
import dev.modbustoolkit.server.core.internal.DeviceIdReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A device that serves every public function code from a {@link DataModel} and a few in-memory extras:
 *
 * <ul>
 *   <li>01, 02, 03, 04, 05, 06, 0F, 10, 16 (mask write: {@code (current AND and) OR (or AND NOT and)}), 17 (write
 *       before read, atomically) on the model's tables, with the tables' access rules: a missing or refused address
 *       answers ILLEGAL_DATA_ADDRESS (02) and changes nothing;
 *   <li>18 (FIFO): the count register at the pointer address of the holding registers, then up to 31 values after
 *       it; a count above 31 answers ILLEGAL_DATA_VALUE (03);
 *   <li>14, 15: in-memory files of 10,000 registers (records 0..9999) for the configured file numbers;
 *   <li>07: the exception status byte, from eight coils or set by the application;
 *   <li>08, 0B, 0C: the spec's diagnostics, comm event counter and 64-event log, kept in
 *       {@link #diagnosticCounters()} (the dispatcher counts messages there and enforces listen-only mode);
 *   <li>11: server id, run indicator and additional data;
 *   <li>2B / 0E: {@link DeviceIdentification} objects, stream and individual access, long answers split with
 *       "more follows".
 * </ul>
 *
 * <p>Checks follow the spec's order: function code (01) and quantity / value (03) are checked by the decoder before
 * the request reaches this device, then address (02), then execution (04). Thread-safe; writes are atomic per
 * request as the register tables guarantee.
 */
public final class RegisterDevice implements ModbusRequestHandler {
  /** Records per in-memory file: record numbers 0..0x270F. */
  public static final int FILE_RECORDS = ModbusLimits.MAX_FILE_RECORD_NUMBER + 1;

  /** {@link #serveDirect} did not handle the request. */
  static final int NOT_DIRECT = Integer.MIN_VALUE;

  private static final int ILLEGAL_ADDRESS = -ExceptionCode.ILLEGAL_DATA_ADDRESS.code();
  private static final int NO_EXCEPTION_STATUS_COILS = -1;

  private final DataModel model;
  private final BitTable coils;
  private final BitTable discreteInputs;
  private final RegisterTable holding;
  private final RegisterTable input;
  private final DiagnosticCounters diagnostics;
  private final DeviceIdentification identification;
  private final byte[] serverId;
  private final byte[] additionalData;
  private final Map<Integer, RegisterTable> files;
  private final Set<Integer> fifoPointers;
  private final int exceptionStatusCoil;
  private volatile int exceptionStatus;
  private volatile boolean running = true;

  private RegisterDevice(Builder b) {
    this.model = b.model;
    this.coils = model.coils();
    this.discreteInputs = model.discreteInputs();
    this.holding = model.holdingRegisters();
    this.input = model.inputRegisters();
    this.diagnostics = b.diagnostics != null ? b.diagnostics : new DiagnosticCounters();
    this.identification = b.identification;
    this.serverId = b.serverId;
    this.additionalData = b.additionalData;
    Map<Integer, RegisterTable> fs = new TreeMap<>();
    for (int fileNumber : b.files) {
      fs.put(fileNumber, RegisterTable.dense(0, FILE_RECORDS));
    }
    this.files = Collections.unmodifiableMap(fs);
    this.fifoPointers = Set.copyOf(b.fifoPointers);
    this.exceptionStatusCoil = b.exceptionStatusCoil;
  }

  /** A builder serving {@code model}. */
  public static Builder builder(DataModel model) {
    return new Builder(model);
  }

  /** A device serving {@code model} with the default identification, no files and no FIFO restriction. */
  public static RegisterDevice of(DataModel model) {
    return builder(model).build();
  }

  /** The tables this device serves. */
  public DataModel dataModel() {
    return model;
  }

  /** The diagnostics of this device (FC 0x08, 0x0B, 0x0C). */
  @Override
  public DiagnosticCounters diagnosticCounters() {
    return diagnostics;
  }

  /**
   * False: answers come from the data model in memory. Listeners on its tables run on the same thread, inside the
   * request, and must not block either.
   */
  @Override
  public boolean mayBlock() {
    return false;
  }

  /** The identification objects (FC 0x2B / 0x0E). */
  public DeviceIdentification identification() {
    return identification;
  }

  /** The in-memory file with this number (records 0..9999 as register addresses), or null when not configured. */
  public @Nullable RegisterTable file(int fileNumber) {
    return files.get(fileNumber);
  }

  /** The configured file numbers, sorted. */
  public Set<Integer> fileNumbers() {
    return files.keySet();
  }

  /** The exception status byte (FC 0x07), when it is not read from coils. */
  public int exceptionStatus() {
    return exceptionStatus;
  }

  /**
   * Sets the exception status byte (0..255) that FC 0x07 returns.
   *
   * @throws IllegalStateException when the device reads its exception status from coils
   */
  public void setExceptionStatus(int value) {
    if (value < 0 || value > 0xFF) {
      throw new IllegalArgumentException("exception status " + value + " out of range 0..255");
    }
    if (exceptionStatusCoil != NO_EXCEPTION_STATUS_COILS) {
      throw new IllegalStateException("exception status is read from coils " + exceptionStatusCoil + "..");
    }
    exceptionStatus = value;
  }

  /** The run indicator reported by FC 0x11. */
  public boolean isRunning() {
    return running;
  }

  /** Sets the run indicator reported by FC 0x11 (0xFF running, 0x00 stopped). */
  public void setRunning(boolean running) {
    this.running = running;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Bits and registers

  @Override
  public ModbusResponse readCoils(RequestContext ctx, int unitId, ReadCoilsRequest r) {
    ByteBuffer packed = ByteBuffer.allocate(packedLength(r.quantity()));
    if (coils.readBits(r.address(), r.quantity(), packed) != AccessStatus.OK) {
      return illegalAddress(r);
    }
    return new ReadCoilsResponse(packed.array());
  }

  @Override
  public ModbusResponse readDiscreteInputs(RequestContext ctx, int unitId, ReadDiscreteInputsRequest r) {
    ByteBuffer packed = ByteBuffer.allocate(packedLength(r.quantity()));
    if (discreteInputs.readBits(r.address(), r.quantity(), packed) != AccessStatus.OK) {
      return illegalAddress(r);
    }
    return new ReadDiscreteInputsResponse(packed.array());
  }

  @Override
  public ModbusResponse readHoldingRegisters(RequestContext ctx, int unitId, ReadHoldingRegistersRequest r) {
    short[] values = new short[r.quantity()];
    if (holding.readRegisters(r.address(), r.quantity(), values, 0) != AccessStatus.OK) {
      return illegalAddress(r);
    }
    return new ReadHoldingRegistersResponse(values);
  }

  @Override
  public ModbusResponse readInputRegisters(RequestContext ctx, int unitId, ReadInputRegistersRequest r) {
    short[] values = new short[r.quantity()];
    if (input.readRegisters(r.address(), r.quantity(), values, 0) != AccessStatus.OK) {
      return illegalAddress(r);
    }
    return new ReadInputRegistersResponse(values);
  }

  @Override
  public ModbusResponse writeSingleCoil(RequestContext ctx, int unitId, WriteSingleCoilRequest r) {
    if (coils.writeBit(r.address(), r.value(), ChangeOrigin.WIRE) != AccessStatus.OK) {
      return illegalAddress(r);
    }
    return new WriteSingleCoilResponse(r.address(), r.value());
  }

  @Override
  public ModbusResponse writeSingleRegister(RequestContext ctx, int unitId, WriteSingleRegisterRequest r) {
    if (holding.writeRegister(r.address(), r.value(), ChangeOrigin.WIRE) != AccessStatus.OK) {
      return illegalAddress(r);
    }
    return new WriteSingleRegisterResponse(r.address(), r.value());
  }

  @Override
  public ModbusResponse writeMultipleCoils(RequestContext ctx, int unitId, WriteMultipleCoilsRequest r) {
    if (coils.writeBits(r.address(), r.values(), ChangeOrigin.WIRE) != AccessStatus.OK) {
      return illegalAddress(r);
    }
    return new WriteMultipleCoilsResponse(r.address(), r.quantity());
  }

  @Override
  public ModbusResponse writeMultipleRegisters(RequestContext ctx, int unitId, WriteMultipleRegistersRequest r) {
    if (holding.writeRegisters(r.address(), r.values(), ChangeOrigin.WIRE) != AccessStatus.OK) {
      return illegalAddress(r);
    }
    return new WriteMultipleRegistersResponse(r.address(), r.quantity());
  }

  @Override
  public ModbusResponse maskWriteRegister(RequestContext ctx, int unitId, MaskWriteRegisterRequest r) {
    if (holding.maskWriteRegister(r.address(), r.andMask(), r.orMask(), ChangeOrigin.WIRE) != AccessStatus.OK) {
      return illegalAddress(r);
    }
    return new MaskWriteRegisterResponse(r.address(), r.andMask(), r.orMask());
  }

  @Override
  public ModbusResponse readWriteMultipleRegisters(
      RequestContext ctx, int unitId, ReadWriteMultipleRegistersRequest r) {
    ByteBuffer read = ByteBuffer.allocate(2 * r.readQuantity());
    AccessStatus status = holding.writeThenRead(
        r.writeAddress(), r.writeValues(), r.readAddress(), r.readQuantity(), read, ChangeOrigin.WIRE);
    if (status != AccessStatus.OK) {
      return illegalAddress(r);
    }
    short[] values = new short[r.readQuantity()];
    read.flip().asShortBuffer().get(values);
    return new ReadWriteMultipleRegistersResponse(values);
  }

  @Override
  public ModbusResponse readFifoQueue(RequestContext ctx, int unitId, ReadFifoQueueRequest r) {
    int pointer = r.fifoPointerAddress();
    if (!fifoPointers.isEmpty() && !fifoPointers.contains(pointer)) {
      return illegalAddress(r);
    }
    short[] countRegister = new short[1];
    if (holding.readRegisters(pointer, 1, countRegister, 0) != AccessStatus.OK) {
      return illegalAddress(r);
    }
    int count = countRegister[0] & 0xFFFF;
    // Count and values are read in one consistent snapshot; retry when a writer changed the count in between.
    while (true) {
      if (count > ModbusLimits.MAX_FIFO_COUNT) {
        return new ExceptionResponse(r.functionCode(), ExceptionCode.ILLEGAL_DATA_VALUE);
      }
      if (pointer + count > ModbusLimits.MAX_ADDRESS) {
        return illegalAddress(r);
      }
      short[] snapshot = new short[1 + count];
      if (holding.readRegisters(pointer, 1 + count, snapshot, 0) != AccessStatus.OK) {
        return illegalAddress(r);
      }
      int seen = snapshot[0] & 0xFFFF;
      if (seen == count) {
        short[] values = new short[count];
        System.arraycopy(snapshot, 1, values, 0, count);
        return new ReadFifoQueueResponse(values);
      }
      count = seen;
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Files

  @Override
  public ModbusResponse readFileRecord(RequestContext ctx, int unitId, ReadFileRecordRequest r) {
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

  @Override
  public ModbusResponse writeFileRecord(RequestContext ctx, int unitId, WriteFileRecordRequest r) {
    // Every sub-request is checked before the first is written, so a refused request changes nothing.
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

  // ---------------------------------------------------------------------------------------------------------------
  // Serial-line functions

  @Override
  public ModbusResponse readExceptionStatus(RequestContext ctx, int unitId, ReadExceptionStatusRequest r) {
    if (exceptionStatusCoil == NO_EXCEPTION_STATUS_COILS) {
      return new ReadExceptionStatusResponse(exceptionStatus);
    }
    int status = 0;
    for (int i = 0; i < 8; i++) {
      if (coils.getBit(exceptionStatusCoil + i)) {
        status |= 1 << i;
      }
    }
    return new ReadExceptionStatusResponse(status);
  }

  @Override
  public @Nullable ModbusResponse diagnostics(RequestContext ctx, int unitId, DiagnosticsRequest r) {
    DiagnosticSubFunction sub = r.knownSubFunction().orElse(null);
    if (sub == null) {
      return new ExceptionResponse(r.functionCode(), ExceptionCode.ILLEGAL_FUNCTION);
    }
    return switch (sub) {
      case RETURN_QUERY_DATA -> echo(r);
      case RESTART_COMMUNICATIONS_OPTION -> {
        // Spec: a device in listen-only mode restarts silently; otherwise it answers before restarting.
        boolean silent = diagnostics.isListenOnly();
        diagnostics.restartCommunications(dataWord(r) == 0xFF00);
        yield silent ? null : echo(r);
      }
      case RETURN_DIAGNOSTIC_REGISTER -> DiagnosticsResponse.of(sub, diagnostics.diagnosticRegister());
      case CHANGE_ASCII_INPUT_DELIMITER -> {
        diagnostics.setAsciiInputDelimiter(r.dataByte(0));
        yield echo(r);
      }
      case FORCE_LISTEN_ONLY_MODE -> {
        diagnostics.enterListenOnlyMode();
        yield null;
      }
      case CLEAR_COUNTERS_AND_DIAGNOSTIC_REGISTER -> {
        diagnostics.clearCountersAndDiagnosticRegister();
        yield echo(r);
      }
      case RETURN_BUS_MESSAGE_COUNT, RETURN_BUS_COMMUNICATION_ERROR_COUNT, RETURN_BUS_EXCEPTION_ERROR_COUNT,
          RETURN_SERVER_MESSAGE_COUNT, RETURN_SERVER_NO_RESPONSE_COUNT, RETURN_SERVER_NAK_COUNT,
          RETURN_SERVER_BUSY_COUNT, RETURN_BUS_CHARACTER_OVERRUN_COUNT ->
          DiagnosticsResponse.of(sub, diagnostics.count(sub));
      case CLEAR_OVERRUN_COUNTER_AND_FLAG -> {
        diagnostics.clearOverrunCounterAndFlag();
        yield echo(r);
      }
    };
  }

  private static DiagnosticsResponse echo(DiagnosticsRequest r) {
    return new DiagnosticsResponse(r.subFunction(), r.data());
  }

  private static int dataWord(DiagnosticsRequest r) {
    return r.dataLength() < 2 ? 0 : (r.dataByte(0) << 8) | r.dataByte(1);
  }

  @Override
  public ModbusResponse getCommEventCounter(RequestContext ctx, int unitId, GetCommEventCounterRequest r) {
    return new GetCommEventCounterResponse(false, diagnostics.eventCount());
  }

  @Override
  public ModbusResponse getCommEventLog(RequestContext ctx, int unitId, GetCommEventLogRequest r) {
    return new GetCommEventLogResponse(
        false, diagnostics.eventCount(), diagnostics.busMessageCount(), diagnostics.eventLog().events());
  }

  @Override
  public ModbusResponse reportServerId(RequestContext ctx, int unitId, ReportServerIdRequest r) {
    return ReportServerIdResponse.of(serverId, running, additionalData);
  }

  @Override
  public ModbusResponse readDeviceIdentification(
      RequestContext ctx, int unitId, ReadDeviceIdentificationRequest r) {
    ReadDeviceIdentificationResponse response = DeviceIdReader.read(
        identification.objects(), identification.conformityLevel(), r.readDeviceIdCode(), r.objectId());
    return response != null ? response : illegalAddress(r);
  }

  private static ExceptionResponse illegalAddress(ModbusRequest r) {
    return new ExceptionResponse(r.functionCode(), ExceptionCode.ILLEGAL_DATA_ADDRESS);
  }

  private static int packedLength(int bits) {
    return (bits + 7) >>> 3;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Allocation-free fast path for the dispatcher's byte-level dispatch

  /**
   * Serves a well-formed FC03, FC04, FC06 or FC10 request straight from its PDU bytes, without decoding it: the
   * hot path of a register server, which allocates nothing (decoding an FC10 request alone allocated its values
   * twice, and serveDirect then packed them back into bytes for the table). Only requests the decoder would
   * accept unchanged take this path, so the answers are the same; any other request, including every malformed
   * one, gets {@link #NOT_DIRECT} with nothing read or written and goes through the decoder, which names the
   * exception (01, 03) as always.
   *
   * @param pdu the whole request PDU, from its position to its limit; on a direct answer its position is
   *     unspecified (the dispatcher moves it to the limit)
   * @return as {@link #serveDirect}
   */
  int serveBytes(ByteBuffer pdu, ByteBuffer out) {
    int start = pdu.position();
    int length = pdu.remaining();
    if (length < 5) {
      return NOT_DIRECT;
    }
    int functionCode = Byte.toUnsignedInt(pdu.get(start));
    int address = u16(pdu, start + 1);
    int quantityOrValue = u16(pdu, start + 3);
    switch (functionCode) {
      case 0x03, 0x04 -> {
        if (length != 5 || !isRange(address, quantityOrValue, ModbusLimits.MAX_READ_REGISTERS)) {
          return NOT_DIRECT;
        }
        return readRegisters(functionCode == 0x03 ? holding : input, functionCode, address, quantityOrValue, out);
      }
      case 0x06 -> {
        if (length != 5) {
          return NOT_DIRECT;
        }
        if (holding.writeRegister(address, quantityOrValue, ChangeOrigin.WIRE) != AccessStatus.OK) {
          return ILLEGAL_ADDRESS;
        }
        return putAddressAndWord(out, functionCode, address, quantityOrValue);
      }
      case 0x10 -> {
        int quantity = quantityOrValue;
        if (length < 6 || !isRange(address, quantity, ModbusLimits.MAX_WRITE_REGISTERS)
            || Byte.toUnsignedInt(pdu.get(start + 5)) != 2 * quantity || length != 6 + 2 * quantity) {
          return NOT_DIRECT;
        }
        pdu.position(start + 6);
        if (holding.writeRegisters(address, quantity, pdu, ChangeOrigin.WIRE) != AccessStatus.OK) {
          return ILLEGAL_ADDRESS;
        }
        return putAddressAndWord(out, functionCode, address, quantity);
      }
      default -> {
        return NOT_DIRECT;
      }
    }
  }

  /** Quantity 1..max and the range inside the address space: what the decoder checks (03, then 02). */
  private static boolean isRange(int address, int quantity, int maxQuantity) {
    return quantity >= 1 && quantity <= maxQuantity && address + quantity <= ModbusLimits.ADDRESS_SPACE;
  }

  private static int u16(ByteBuffer pdu, int index) {
    return Byte.toUnsignedInt(pdu.get(index)) << 8 | Byte.toUnsignedInt(pdu.get(index + 1));
  }

  /**
   * Serves the frequent table functions straight between the store and the response buffer, without building
   * response records or value arrays: reads go from the table into {@code out}; multiple writes are packed into the
   * unused tail of {@code out} (which has at least 253 bytes) and read from there by the table.
   *
   * @return response bytes written at {@code out}'s position (advanced), or {@code -exceptionCode} with the
   *     position unchanged, or {@link #NOT_DIRECT} when the request must go through the handler methods
   */
  int serveDirect(ModbusRequest request, ByteBuffer out) {
    if (request instanceof ReadHoldingRegistersRequest r) {
      return readRegisters(holding, r.functionCode(), r.address(), r.quantity(), out);
    } else if (request instanceof ReadInputRegistersRequest r) {
      return readRegisters(input, r.functionCode(), r.address(), r.quantity(), out);
    } else if (request instanceof ReadCoilsRequest r) {
      return readBits(coils, r.functionCode(), r.address(), r.quantity(), out);
    } else if (request instanceof ReadDiscreteInputsRequest r) {
      return readBits(discreteInputs, r.functionCode(), r.address(), r.quantity(), out);
    } else if (request instanceof WriteSingleRegisterRequest r) {
      if (holding.writeRegister(r.address(), r.value(), ChangeOrigin.WIRE) != AccessStatus.OK) {
        return ILLEGAL_ADDRESS;
      }
      return putAddressAndWord(out, r.functionCode(), r.address(), r.value());
    } else if (request instanceof WriteSingleCoilRequest r) {
      if (coils.writeBit(r.address(), r.value(), ChangeOrigin.WIRE) != AccessStatus.OK) {
        return ILLEGAL_ADDRESS;
      }
      return putAddressAndWord(out, r.functionCode(), r.address(), r.value() ? 0xFF00 : 0x0000);
    } else if (request instanceof WriteMultipleRegistersRequest r) {
      return writeRegisters(r, out);
    } else if (request instanceof WriteMultipleCoilsRequest r) {
      return writeBits(r, out);
    } else if (request instanceof MaskWriteRegisterRequest r) {
      if (holding.maskWriteRegister(r.address(), r.andMask(), r.orMask(), ChangeOrigin.WIRE) != AccessStatus.OK) {
        return ILLEGAL_ADDRESS;
      }
      int written = putAddressAndWord(out, r.functionCode(), r.address(), r.andMask());
      out.putShort((short) r.orMask());
      return written + 2;
    } else if (request instanceof ReadWriteMultipleRegistersRequest r) {
      int position = out.position();
      out.put((byte) r.functionCode()).put((byte) (2 * r.readQuantity()));
      AccessStatus status = holding.writeThenRead(
          r.writeAddress(), r.writeValues(), r.readAddress(), r.readQuantity(), out, ChangeOrigin.WIRE);
      if (status != AccessStatus.OK) {
        out.position(position);
        return ILLEGAL_ADDRESS;
      }
      return out.position() - position;
    }
    return NOT_DIRECT;
  }

  private static int readRegisters(RegisterTable table, int functionCode, int address, int quantity, ByteBuffer out) {
    int position = out.position();
    out.put((byte) functionCode).put((byte) (2 * quantity));
    if (table.readRegisters(address, quantity, out) != AccessStatus.OK) {
      out.position(position);
      return ILLEGAL_ADDRESS;
    }
    return out.position() - position;
  }

  private static int readBits(BitTable table, int functionCode, int address, int quantity, ByteBuffer out) {
    int position = out.position();
    out.put((byte) functionCode).put((byte) packedLength(quantity));
    if (table.readBits(address, quantity, out) != AccessStatus.OK) {
      out.position(position);
      return ILLEGAL_ADDRESS;
    }
    return out.position() - position;
  }

  /** Function code, then two 16-bit fields: the 5-byte answer of FC 05, 06, 0F and 10. */
  private static int putAddressAndWord(ByteBuffer out, int functionCode, int address, int word) {
    out.put((byte) functionCode).putShort((short) address).putShort((short) word);
    return 5;
  }

  private int writeRegisters(WriteMultipleRegistersRequest r, ByteBuffer out) {
    int position = out.position();
    int scratch = position + 5;
    int quantity = r.quantity();
    for (int i = 0; i < quantity; i++) {
      out.putShort(scratch + 2 * i, (short) r.value(i));
    }
    out.position(scratch);
    AccessStatus status = holding.writeRegisters(r.address(), quantity, out, ChangeOrigin.WIRE);
    out.position(position);
    if (status != AccessStatus.OK) {
      return ILLEGAL_ADDRESS;
    }
    return putAddressAndWord(out, r.functionCode(), r.address(), quantity);
  }

  private int writeBits(WriteMultipleCoilsRequest r, ByteBuffer out) {
    int position = out.position();
    int scratch = position + 5;
    int quantity = r.quantity();
    for (int b = 0; b < packedLength(quantity); b++) {
      int packed = 0;
      for (int bit = 0; bit < 8 && 8 * b + bit < quantity; bit++) {
        if (r.value(8 * b + bit)) {
          packed |= 1 << bit;
        }
      }
      out.put(scratch + b, (byte) packed);
    }
    out.position(scratch);
    AccessStatus status = coils.writeBits(r.address(), quantity, out, ChangeOrigin.WIRE);
    out.position(position);
    if (status != AccessStatus.OK) {
      return ILLEGAL_ADDRESS;
    }
    return putAddressAndWord(out, r.functionCode(), r.address(), quantity);
  }

  @Override
  public String toString() {
    return "RegisterDevice[" + identification.object(0).map(o -> o.valueAsString()).orElse("") + "]";
  }

  /** Builds a {@link RegisterDevice}. Not thread-safe. */
  public static final class Builder {
    private static final byte[] DEFAULT_SERVER_ID = "modbus-toolkit".getBytes(StandardCharsets.US_ASCII);

    private final DataModel model;
    private @Nullable DiagnosticCounters diagnostics;
    private DeviceIdentification identification = DeviceIdentification.builder()
        .vendorName("modbus-toolkit")
        .productCode("RegisterDevice")
        .majorMinorRevision("0.1")
        .build();
    private byte[] serverId = DEFAULT_SERVER_ID;
    private byte[] additionalData = new byte[0];
    private final TreeSet<Integer> files = new TreeSet<>();
    private final TreeSet<Integer> fifoPointers = new TreeSet<>();
    private int exceptionStatusCoil = NO_EXCEPTION_STATUS_COILS;

    private Builder(DataModel model) {
      this.model = Objects.requireNonNull(model, "model");
    }

    /** The identification objects; default vendor "modbus-toolkit", product "RegisterDevice", revision "0.1". */
    public Builder identification(DeviceIdentification identification) {
      this.identification = Objects.requireNonNull(identification, "identification");
      return this;
    }

    /**
     * The server id and additional data FC 0x11 reports around the run indicator; default "modbus-toolkit" and
     * none.
     *
     * @throws IllegalArgumentException when the response would exceed 251 data bytes or the id is empty
     */
    public Builder serverId(byte[] serverId, byte[] additionalData) {
      int length = serverId.length + 1 + additionalData.length;
      if (serverId.length == 0 || length > ModbusLimits.MAX_REPORT_SERVER_ID_LENGTH) {
        throw new IllegalArgumentException("server id of " + serverId.length + " bytes and additional data of "
            + additionalData.length + " bytes do not fit 1.." + ModbusLimits.MAX_REPORT_SERVER_ID_LENGTH + " bytes");
      }
      this.serverId = serverId.clone();
      this.additionalData = additionalData.clone();
      return this;
    }

    /**
     * Adds an in-memory file of {@value RegisterDevice#FILE_RECORDS} registers for FC 0x14 / 0x15.
     *
     * @throws IllegalArgumentException when {@code fileNumber} is outside 1..65535
     */
    public Builder file(int fileNumber) {
      if (fileNumber < 1 || fileNumber > 0xFFFF) {
        throw new IllegalArgumentException("file number " + fileNumber + " out of range 1..65535");
      }
      files.add(fileNumber);
      return this;
    }

    /**
     * Declares a FIFO pointer address for FC 0x18. Without any declaration every holding register address can
     * serve as one; with declarations, FC 0x18 at any other address answers ILLEGAL_DATA_ADDRESS.
     */
    public Builder fifo(int pointerAddress) {
      if (pointerAddress < 0 || pointerAddress > ModbusLimits.MAX_ADDRESS) {
        throw new IllegalArgumentException("FIFO pointer address " + pointerAddress + " out of range 0..65535");
      }
      fifoPointers.add(pointerAddress);
      return this;
    }

    /**
     * Reads the FC 0x07 exception status from eight coils, {@code firstCoil} giving bit 0; without this the device
     * returns the byte set with {@link RegisterDevice#setExceptionStatus(int)}.
     *
     * @throws IllegalArgumentException when one of the eight coils does not exist
     */
    public Builder exceptionStatusCoils(int firstCoil) {
      for (int i = 0; i < 8; i++) {
        if (firstCoil + i > ModbusLimits.MAX_ADDRESS || !model.coils().contains(firstCoil + i)) {
          throw new IllegalArgumentException("coil " + (firstCoil + i) + " does not exist");
        }
      }
      this.exceptionStatusCoil = firstCoil;
      return this;
    }

    /** The diagnostics to keep (to share them with something else); default new ones. */
    public Builder diagnosticCounters(DiagnosticCounters diagnostics) {
      this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
      return this;
    }

    /** The device. */
    public RegisterDevice build() {
      return new RegisterDevice(this);
    }
  }
}
