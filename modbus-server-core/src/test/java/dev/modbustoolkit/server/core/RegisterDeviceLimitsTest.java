package dev.modbustoolkit.server.core;

import static dev.modbustoolkit.server.core.Pdus.SERIAL;
import static dev.modbustoolkit.server.core.Pdus.TCP;
import static dev.modbustoolkit.server.core.Pdus.norm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.pdu.DiagnosticsRequest;
import dev.modbustoolkit.pdu.EncapsulatedInterfaceRequest;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.GetCommEventCounterRequest;
import dev.modbustoolkit.pdu.GetCommEventLogRequest;
import dev.modbustoolkit.pdu.MaskWriteRegisterRequest;
import dev.modbustoolkit.pdu.ModbusPduCodec;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.ReadCoilsRequest;
import dev.modbustoolkit.pdu.ReadDeviceIdentificationRequest;
import dev.modbustoolkit.pdu.ReadDiscreteInputsRequest;
import dev.modbustoolkit.pdu.ReadExceptionStatusRequest;
import dev.modbustoolkit.pdu.ReadFifoQueueRequest;
import dev.modbustoolkit.pdu.ReadFileRecordRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.ReadInputRegistersRequest;
import dev.modbustoolkit.pdu.ReadWriteMultipleRegistersRequest;
import dev.modbustoolkit.pdu.ReportServerIdRequest;
import dev.modbustoolkit.pdu.UserDefinedRequest;
import dev.modbustoolkit.pdu.WriteFileRecordRequest;
import dev.modbustoolkit.pdu.WriteMultipleCoilsRequest;
import dev.modbustoolkit.pdu.WriteMultipleRegistersRequest;
import dev.modbustoolkit.pdu.WriteSingleCoilRequest;
import dev.modbustoolkit.pdu.WriteSingleRegisterRequest;
import dev.modbustoolkit.registers.BitTable;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.RegisterTable;
import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** RegisterDevice at its limits: FIFO and file boundaries, builder ranges, failing stores and the direct path. */
class RegisterDeviceLimitsTest {

  private final DataModel model = DataModel.dense();

  private static @Nullable String call(RegisterDevice device, String request) {
    return Pdus.call(ModbusDispatcher.builder().unit(1, device).build(), SERIAL, 1, request);
  }

  private static DataModel sparse() {
    return new DataModel(
        BitTable.sparse().block(100, 8).build(),
        BitTable.sparse().block(0, 16).build(),
        RegisterTable.sparse().block(0, 16).build(),
        RegisterTable.sparse().block(0, 16).build());
  }

  // ---- 18: FIFO --------------------------------------------------------------------------------------------------

  @Test
  void fc18AnswersTheLargestAllowedCount() {
    model.holdingRegisters().set(0x100, 31);
    for (int i = 1; i <= 31; i++) {
      model.holdingRegisters().set(0x100 + i, i);
    }

    String response = call(RegisterDevice.of(model), "18 0100");

    // Byte count 2 + 62, FIFO count 31, then the values.
    assertThat(response).startsWith(norm("18 0040 001F 0001 0002")).endsWith("001F").hasSize(2 * (5 + 62));
  }

  @Test
  void fc18QueueMayEndAtTheLastAddress() {
    model.holdingRegisters().set(0xFFFE, 1);
    model.holdingRegisters().set(0xFFFF, 0xBEEF);
    RegisterDevice device = RegisterDevice.of(model);

    assertThat(call(device, "18 FFFE")).isEqualTo(norm("18 0004 0001 BEEF"));
    model.holdingRegisters().set(0xFFFF, 0);
    assertThat(call(device, "18 FFFF")).isEqualTo(norm("18 0002 0000"));
  }

  @Test
  void fc18QueueRunningPastItsBlockIsIllegalAddress() {
    DataModel m = sparse();
    m.holdingRegisters().set(15, 2); // the count register exists, its values would not

    assertThat(call(RegisterDevice.of(m), "18 000F")).isEqualTo("9802");
    assertThat(call(RegisterDevice.of(m), "18 0010")).isEqualTo("9802"); // no count register either
  }

  @Test
  void fifoPointersMustBeAddresses() {
    RegisterDevice device = RegisterDevice.builder(model).fifo(0).fifo(0xFFFF).build();

    assertThat(call(device, "18 0000")).isEqualTo(norm("18 0002 0000"));
    assertThat(call(device, "18 FFFF")).isEqualTo(norm("18 0002 0000"));
    assertThat(call(device, "18 0001")).isEqualTo("9802");
    assertThatThrownBy(() -> RegisterDevice.builder(model).fifo(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegisterDevice.builder(model).fifo(0x10000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- 14 / 15: files ------------------------------------------------------------------------------------------------

  @Test
  void fc15WritePastTheLastRecordIsIllegalAddressAndChangesNothing() {
    RegisterDevice device = RegisterDevice.builder(model).file(3).build();

    assertThat(call(device, "15 0B 06 0003 270F 0002 0001 0002")).isEqualTo("9502");
    // A valid first sub-request is not written when a later one is refused.
    assertThat(call(device, "15 14 06 0003 0000 0001 1111 06 0003 270F 0002 0001 0002")).isEqualTo("9502");
    assertThat(device.file(3).get(0)).isZero();
    assertThat(device.file(3).get(0x270F)).isZero();
    assertThat(call(device, "15 09 06 0003 270F 0001 0007")).isEqualTo(norm("15 09 06 0003 270F 0001 0007"));
    assertThat(device.file(3).get(0x270F)).isEqualTo(7);
  }

  @Test
  void fileNumbersRange1To65535() {
    RegisterDevice device = RegisterDevice.builder(model).file(0xFFFF).file(1).build();

    assertThat(device.fileNumbers()).containsExactly(1, 0xFFFF);
    assertThat(device.file(1)).isNotNull();
    assertThat(device.file(2)).isNull();
    assertThat(call(device, "14 07 06 FFFF 0000 0001")).isEqualTo(norm("14 04 03 06 0000"));
    assertThatThrownBy(() -> RegisterDevice.builder(model).file(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegisterDevice.builder(model).file(0x10000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- 07 / 11 ---------------------------------------------------------------------------------------------------------

  @Test
  void exceptionStatusIsAByte() {
    RegisterDevice device = RegisterDevice.of(model);

    device.setExceptionStatus(0xFF);
    assertThat(device.exceptionStatus()).isEqualTo(0xFF);
    assertThat(call(device, "07")).isEqualTo("07FF");
    device.setExceptionStatus(0);
    assertThat(device.exceptionStatus()).isZero();
    assertThatThrownBy(() -> device.setExceptionStatus(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> device.setExceptionStatus(0x100)).isInstanceOf(IllegalArgumentException.class);
    assertThat(device.exceptionStatus()).isZero();
  }

  @Test
  void exceptionStatusReadsExactlyEightCoils() {
    for (int i = 100; i <= 108; i++) {
      model.coils().setBit(i, true); // the coil after the eight must not leak into the byte
    }
    model.coils().setBit(99, true);
    model.coils().setBit(101, false);

    assertThat(call(RegisterDevice.builder(model).exceptionStatusCoils(100).build(), "07")).isEqualTo("07FD");
  }

  @Test
  void exceptionStatusCoilsMustAllExist() {
    DataModel m = sparse(); // coils 100..107 only

    RegisterDevice device = RegisterDevice.builder(m).exceptionStatusCoils(100).build();
    m.coils().setBit(107, true);
    assertThat(call(device, "07")).isEqualTo("0780");
    assertThatThrownBy(() -> RegisterDevice.builder(m).exceptionStatusCoils(99))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegisterDevice.builder(m).exceptionStatusCoils(101))
        .isInstanceOf(IllegalArgumentException.class);
    // At the top of the address space: 0xFFF8..0xFFFF fit, one further would pass 65535.
    RegisterDevice top = RegisterDevice.builder(model).exceptionStatusCoils(0xFFF8).build();
    model.coils().setBit(0xFFF8, true);
    assertThat(call(top, "07")).isEqualTo("0701");
    assertThatThrownBy(() -> RegisterDevice.builder(model).exceptionStatusCoils(0xFFF9))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void serverIdAndAdditionalDataFitTheResponse() {
    RegisterDevice full = RegisterDevice.builder(model).serverId(new byte[200], new byte[50]).build();

    assertThat(call(full, "11")).startsWith("11FB").hasSize(2 * 253);
    assertThatThrownBy(() -> RegisterDevice.builder(model).serverId(new byte[200], new byte[51]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegisterDevice.builder(model).serverId(new byte[0], new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(call(RegisterDevice.builder(model).serverId(new byte[] {7}, new byte[0]).build(), "11"))
        .isEqualTo(norm("11 02 07 FF"));
  }

  @Test
  void runIndicatorAndInjectedCounters() {
    DiagnosticCounters counters = new DiagnosticCounters();
    RegisterDevice device = RegisterDevice.builder(model).diagnosticCounters(counters).build();

    assertThat(device.diagnosticCounters()).isSameAs(counters);
    assertThat(device.isRunning()).isTrue();
    device.setRunning(false);
    assertThat(device.isRunning()).isFalse();
    call(device, "03 0000 0001");
    assertThat(counters.serverMessageCount()).isEqualTo(1);
  }

  // ---- a store that fails ------------------------------------------------------------------------------------------

  @Test
  void aStoreThatThrowsBecomesServerDeviceFailureOnEveryPath() {
    model.holdingRegisters().addListener(e -> {
      throw new IllegalStateException("listener failure (expected by the test)");
    });
    model.coils().addListener(e -> {
      throw new IllegalStateException("listener failure (expected by the test)");
    });
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, RegisterDevice.of(model)).build();

    assertThat(Pdus.call(d, TCP, 1, "06 0001 0003")).isEqualTo("8604"); // straight from the bytes
    assertThat(Pdus.call(d, TCP, 1, "10 0001 0001 02 0003")).isEqualTo("9004");
    assertThat(Pdus.call(d, TCP, 1, "05 0001 FF00")).isEqualTo("8504"); // decoded, then served directly
    assertThat(Pdus.call(d, TCP, 1, "16 0001 00F2 0025")).isEqualTo("9604");
    assertThat(d.dispatch(TCP, 1, new WriteSingleRegisterRequest(1, 3)))
        .contains(new ExceptionResponse(6, ExceptionCode.SERVER_DEVICE_FAILURE));
    assertThat(d.metrics().exceptions(ExceptionCode.SERVER_DEVICE_FAILURE)).isEqualTo(5);
    // Reads do not notify listeners and still work.
    assertThat(Pdus.call(d, TCP, 1, "03 0001 0001")).isEqualTo(norm("03 02 0003"));
  }

  // ---- the direct path agrees with the handler methods ----------------------------------------------------------

  private static byte[] direct(RegisterDevice device, ModbusRequest request) {
    ByteBuffer out = ByteBuffer.allocate(260);
    out.position(4);
    RawOutcome outcome = device.serveRaw(TCP, 1, ByteBuffer.wrap(ModbusPduCodec.toBytes(request)), out);
    assertThat(outcome).as("serveRaw(%s)", request).isEqualTo(RawOutcome.ANSWERED);
    int n = out.position() - 4;
    byte[] bytes = new byte[n];
    out.get(4, bytes);
    return bytes;
  }

  private static byte[] viaHandler(RegisterDevice device, ModbusRequest request) {
    ModbusResponse response = switch (request) {
      case ReadHoldingRegistersRequest r -> device.readHoldingRegisters(TCP, 1, r);
      case ReadInputRegistersRequest r -> device.readInputRegisters(TCP, 1, r);
      case ReadCoilsRequest r -> device.readCoils(TCP, 1, r);
      case ReadDiscreteInputsRequest r -> device.readDiscreteInputs(TCP, 1, r);
      case WriteSingleRegisterRequest r -> device.writeSingleRegister(TCP, 1, r);
      case WriteSingleCoilRequest r -> device.writeSingleCoil(TCP, 1, r);
      case WriteMultipleRegistersRequest r -> device.writeMultipleRegisters(TCP, 1, r);
      case WriteMultipleCoilsRequest r -> device.writeMultipleCoils(TCP, 1, r);
      case MaskWriteRegisterRequest r -> device.maskWriteRegister(TCP, 1, r);
      case ReadWriteMultipleRegistersRequest r -> device.readWriteMultipleRegisters(TCP, 1, r);
      // Exhaustive without default: a new request type must be placed here, as in or out of the table functions.
      case ReadExceptionStatusRequest r -> throw new AssertionError(r);
      case DiagnosticsRequest r -> throw new AssertionError(r);
      case GetCommEventCounterRequest r -> throw new AssertionError(r);
      case GetCommEventLogRequest r -> throw new AssertionError(r);
      case ReportServerIdRequest r -> throw new AssertionError(r);
      case ReadFileRecordRequest r -> throw new AssertionError(r);
      case WriteFileRecordRequest r -> throw new AssertionError(r);
      case ReadFifoQueueRequest r -> throw new AssertionError(r);
      case ReadDeviceIdentificationRequest r -> throw new AssertionError(r);
      case EncapsulatedInterfaceRequest r -> throw new AssertionError(r);
      case UserDefinedRequest r -> throw new AssertionError(r);
    };
    return ModbusPduCodec.toBytes(response);
  }

  @Test
  void serveRawAnswersEveryTableFunctionAsTheHandlerMethodsDo() {
    List<ModbusRequest> requests = List.<ModbusRequest>of(
        new WriteSingleRegisterRequest(3, 0x1234),
        WriteMultipleRegistersRequest.of(4, 0xA1, 0xB2, 0xC3),
        new WriteSingleCoilRequest(5, true),
        WriteMultipleCoilsRequest.of(2, true, false, true, true, false, false, true, true, true, false, true),
        new MaskWriteRegisterRequest(3, 0x00F2, 0x0025),
        ReadWriteMultipleRegistersRequest.of(3, 4, 20, 0x55, 0x66),
        new ReadHoldingRegistersRequest(3, 4),
        new ReadInputRegistersRequest(0, 2),
        new ReadCoilsRequest(5, 12),
        new ReadDiscreteInputsRequest(0, 3),
        // Refused: addresses outside the blocks.
        new WriteSingleRegisterRequest(0x100, 1),
        WriteMultipleRegistersRequest.of(15, 1, 2),
        new WriteSingleCoilRequest(0x100, true),
        WriteMultipleCoilsRequest.of(15, true, true),
        new MaskWriteRegisterRequest(0x100, 0, 0),
        ReadWriteMultipleRegistersRequest.of(0x100, 1, 0, 1),
        new ReadHoldingRegistersRequest(15, 2),
        new ReadCoilsRequest(15, 2));
    DataModel a = new DataModel(BitTable.sparse().block(0, 16).build(), BitTable.sparse().block(0, 16).build(),
        RegisterTable.sparse().block(0, 16).block(20, 4).build(), RegisterTable.sparse().block(0, 16).build());
    DataModel b = new DataModel(BitTable.sparse().block(0, 16).build(), BitTable.sparse().block(0, 16).build(),
        RegisterTable.sparse().block(0, 16).block(20, 4).build(), RegisterTable.sparse().block(0, 16).build());
    RegisterDevice directDevice = RegisterDevice.of(a);
    RegisterDevice handlerDevice = RegisterDevice.of(b);

    for (ModbusRequest request : requests) {
      assertThat(direct(directDevice, request)).as("%s", request).isEqualTo(viaHandler(handlerDevice, request));
    }
    assertThat(a.holdingRegisters().getRange(0, 16)).containsExactly(b.holdingRegisters().getRange(0, 16));
    assertThat(a.holdingRegisters().getRange(20, 4)).containsExactly(b.holdingRegisters().getRange(20, 4));
    assertThat(a.holdingRegisters().getRange(3, 4)).containsExactly(0x35, 0xA1, 0xB2, 0xC3);
    for (int i = 0; i < 16; i++) {
      assertThat(a.coils().getBit(i)).as("coil %d", i).isEqualTo(b.coils().getBit(i));
    }
    assertThat(a.coils().getBit(2)).isTrue();
    assertThat(a.coils().getBit(3)).isFalse();
    assertThat(a.coils().getBit(16 - 1)).isFalse();
  }

  @Test
  void serveRawDeclinesOtherRequestsForTheHandlerMethods() {
    RegisterDevice device = RegisterDevice.of(model);
    ByteBuffer out = ByteBuffer.allocate(260);

    ByteBuffer fifo = ByteBuffer.wrap(ModbusPduCodec.toBytes(new ReadFifoQueueRequest(0)));
    assertThat(device.serveRaw(TCP, 1, fifo, out)).isEqualTo(RawOutcome.DECLINED);
    assertThat(out.position()).isZero();
  }
}
