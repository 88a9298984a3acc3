package dev.modbustoolkit.server.core;

import dev.modbustoolkit.pdu.DiagnosticsRequest;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.GetCommEventCounterRequest;
import dev.modbustoolkit.pdu.GetCommEventCounterResponse;
import dev.modbustoolkit.pdu.GetCommEventLogRequest;
import dev.modbustoolkit.pdu.GetCommEventLogResponse;
import dev.modbustoolkit.pdu.MaskWriteRegisterRequest;
import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.ReadCoilsRequest;
import dev.modbustoolkit.pdu.ReadDeviceIdentificationRequest;
import dev.modbustoolkit.pdu.ReadDeviceIdentificationResponse;
import dev.modbustoolkit.pdu.ReadDiscreteInputsRequest;
import dev.modbustoolkit.pdu.ReadExceptionStatusRequest;
import dev.modbustoolkit.pdu.ReadExceptionStatusResponse;
import dev.modbustoolkit.pdu.ReadFifoQueueRequest;
import dev.modbustoolkit.pdu.ReadFileRecordRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.ReadInputRegistersRequest;
import dev.modbustoolkit.pdu.ReadWriteMultipleRegistersRequest;
import dev.modbustoolkit.pdu.ReportServerIdRequest;
import dev.modbustoolkit.pdu.ReportServerIdResponse;
import dev.modbustoolkit.pdu.WriteFileRecordRequest;
import dev.modbustoolkit.pdu.WriteMultipleCoilsRequest;
import dev.modbustoolkit.pdu.WriteMultipleRegistersRequest;
import dev.modbustoolkit.pdu.WriteSingleCoilRequest;
import dev.modbustoolkit.pdu.WriteSingleRegisterRequest;
import dev.modbustoolkit.registers.BitTable;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.RegisterTable;
import dev.modbustoolkit.server.core.internal.DeviceIdReader;
import dev.modbustoolkit.server.core.internal.DiagnosticsFunction;
import dev.modbustoolkit.server.core.internal.FifoQueueReader;
import dev.modbustoolkit.server.core.internal.FileRecordStore;
import dev.modbustoolkit.server.core.internal.RegisterPduServer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
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
 *
 * <p>The table functions (01..06, 0F, 10, 16, 17) are served by one byte-level implementation, reached through
 * {@link RawPduHandler} straight from the received bytes (no allocation, except FC17's write values) and through
 * the typed methods from the request record's bytes; FIFO, files, diagnostics and identification have classes of
 * their own. This class wires them to a data model.
 *
 * <p>Over 400 lines because it implements the handler SPI's one method per function code (each a short delegation)
 * and carries its builder; the logic itself is in the classes named above.
 */
public final class RegisterDevice implements ModbusRequestHandler, RawPduHandler {
  /** Records per in-memory file: record numbers 0..0x270F. */
  public static final int FILE_RECORDS = FileRecordStore.FILE_RECORDS;

  private static final int NO_EXCEPTION_STATUS_COILS = -1;

  private final DataModel model;
  private final BitTable coils;
  private final RegisterPduServer tables;
  private final FifoQueueReader fifo;
  private final FileRecordStore files;
  private final DiagnosticCounters diagnostics;
  private final DeviceIdentification identification;
  private final byte[] serverId;
  private final byte[] additionalData;
  private final int exceptionStatusCoil;
  private volatile int exceptionStatus;
  private volatile boolean running = true;

  private RegisterDevice(Builder b) {
    this.model = b.model;
    this.coils = model.coils();
    this.tables = new RegisterPduServer(model);
    this.fifo = new FifoQueueReader(model.holdingRegisters(), b.fifoPointers);
    this.files = new FileRecordStore(b.files);
    this.diagnostics = b.diagnostics != null ? b.diagnostics : new DiagnosticCounters();
    this.identification = b.identification;
    this.serverId = b.serverId;
    this.additionalData = b.additionalData;
    this.exceptionStatusCoil = b.exceptionStatusCoil;
  }

  /**
   * {@return a builder serving {@code model}}
   *
   * @param model the model
   */
  public static Builder builder(DataModel model) {
    return new Builder(model);
  }

  /**
   * {@return a device serving {@code model} with the default identification, no files and no FIFO restriction}
   *
   * @param model the model
   */
  public static RegisterDevice of(DataModel model) {
    return builder(model).build();
  }

  /** {@return the tables this device serves} */
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

  /** {@return the identification objects (FC 0x2B / 0x0E)} */
  public DeviceIdentification identification() {
    return identification;
  }

  /**
   * {@return the in-memory file with this number (records 0..9999 as register addresses), or null when not configured}
   *
   * @param fileNumber the file number
   */
  public @Nullable RegisterTable file(int fileNumber) {
    return files.file(fileNumber);
  }

  /** {@return the configured file numbers, sorted} */
  public Set<Integer> fileNumbers() {
    return files.fileNumbers();
  }

  /** {@return the exception status byte (FC 0x07), when it is not read from coils} */
  public int exceptionStatus() {
    return exceptionStatus;
  }

  /**
   * Sets the exception status byte (0..255) that FC 0x07 returns.
   *
   * @param value the value
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

  /** {@return the run indicator reported by FC 0x11} */
  public boolean isRunning() {
    return running;
  }

  /**
   * Sets the run indicator reported by FC 0x11 (0xFF running, 0x00 stopped).
   *
   * @param running the run indicator status (on when true)
   */
  public void setRunning(boolean running) {
    this.running = running;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Bits and registers: one byte-level implementation for both paths

  /**
   * Serves well-formed 01, 02, 03, 04, 05, 06, 0F, 10, 16 and 17 requests straight between the PDU bytes and the
   * tables, allocating nothing (FC17 allocates its write values); declines every other request, and every one the
   * decoder would not accept unchanged, so the decoder names the exception (01, 03) as always.
   */
  @Override
  public RawOutcome serveRaw(RequestContext context, int unitId, ByteBuffer requestPdu, ByteBuffer responseOut) {
    return tables.serve(requestPdu, responseOut);
  }

  @Override
  public ModbusResponse readCoils(RequestContext ctx, int unitId, ReadCoilsRequest r) {
    return tables.serve(r);
  }

  @Override
  public ModbusResponse readDiscreteInputs(RequestContext ctx, int unitId, ReadDiscreteInputsRequest r) {
    return tables.serve(r);
  }

  @Override
  public ModbusResponse readHoldingRegisters(RequestContext ctx, int unitId, ReadHoldingRegistersRequest r) {
    return tables.serve(r);
  }

  @Override
  public ModbusResponse readInputRegisters(RequestContext ctx, int unitId, ReadInputRegistersRequest r) {
    return tables.serve(r);
  }

  @Override
  public ModbusResponse writeSingleCoil(RequestContext ctx, int unitId, WriteSingleCoilRequest r) {
    return tables.serve(r);
  }

  @Override
  public ModbusResponse writeSingleRegister(RequestContext ctx, int unitId, WriteSingleRegisterRequest r) {
    return tables.serve(r);
  }

  @Override
  public ModbusResponse writeMultipleCoils(RequestContext ctx, int unitId, WriteMultipleCoilsRequest r) {
    return tables.serve(r);
  }

  @Override
  public ModbusResponse writeMultipleRegisters(RequestContext ctx, int unitId, WriteMultipleRegistersRequest r) {
    return tables.serve(r);
  }

  @Override
  public ModbusResponse maskWriteRegister(RequestContext ctx, int unitId, MaskWriteRegisterRequest r) {
    return tables.serve(r);
  }

  @Override
  public ModbusResponse readWriteMultipleRegisters(
      RequestContext ctx, int unitId, ReadWriteMultipleRegistersRequest r) {
    return tables.serve(r);
  }

  @Override
  public ModbusResponse readFifoQueue(RequestContext ctx, int unitId, ReadFifoQueueRequest r) {
    return fifo.read(r);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Files

  @Override
  public ModbusResponse readFileRecord(RequestContext ctx, int unitId, ReadFileRecordRequest r) {
    return files.read(r);
  }

  @Override
  public ModbusResponse writeFileRecord(RequestContext ctx, int unitId, WriteFileRecordRequest r) {
    return files.write(r);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Serial-line functions and identification

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
    return DiagnosticsFunction.serve(diagnostics, r);
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
    return response != null ? response : new ExceptionResponse(r.functionCode(), ExceptionCode.ILLEGAL_DATA_ADDRESS);
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

    /**
     * {@return the identification objects; default vendor "modbus-toolkit", product "RegisterDevice", revision "0.1"}
     *
     * @param identification the identification
     */
    public Builder identification(DeviceIdentification identification) {
      this.identification = Objects.requireNonNull(identification, "identification");
      return this;
    }

    /**
     * {@return the server id and additional data FC 0x11 reports around the run indicator; default "modbus-toolkit" and
     * none}
     *
     * @param serverId the server id
     * @param additionalData the additional data
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
     * @param fileNumber the file number
     * @return this builder
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
     *
     * @param pointerAddress the pointer address
     * @return this builder
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
     * @param firstCoil the first coil
     * @return this builder
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

    /**
     * {@return the diagnostics to keep (to share them with something else); default new ones}
     *
     * @param diagnostics the diagnostics
     */
    public Builder diagnosticCounters(DiagnosticCounters diagnostics) {
      this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
      return this;
    }

    /** {@return the device} */
    public RegisterDevice build() {
      return new RegisterDevice(this);
    }
  }
}
