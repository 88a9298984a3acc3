package dev.modbustoolkit.pdu;

import static dev.modbustoolkit.pdu.LimitAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Length limits of records holding arrays: status bytes, registers, FIFO, opaque data, device id objects. */
class ArrayLimitsTest {

  @Test
  void readCoilsResponseByteCountBounds() {
    assertRejected(() -> new ReadCoilsResponse(new byte[0]), PduViolation.QUANTITY_OUT_OF_RANGE, 0);
    assertThat(new ReadCoilsResponse(new byte[1]).byteCount()).isEqualTo(1);
    assertThat(new ReadCoilsResponse(new byte[250]).byteCount()).isEqualTo(250);
    assertRejected(() -> new ReadCoilsResponse(new byte[251]), PduViolation.QUANTITY_OUT_OF_RANGE, 251);
  }

  @Test
  void readDiscreteInputsResponseByteCountBounds() {
    assertRejected(() -> new ReadDiscreteInputsResponse(new byte[0]), PduViolation.QUANTITY_OUT_OF_RANGE, 0);
    assertThat(new ReadDiscreteInputsResponse(new byte[250]).byteCount()).isEqualTo(250);
    assertRejected(() -> new ReadDiscreteInputsResponse(new byte[251]), PduViolation.QUANTITY_OUT_OF_RANGE, 251);
  }

  @Test
  void bitResponseFactoriesTakeOneTo2000Bits() {
    assertThat(ReadCoilsResponse.of(new boolean[2000]).byteCount()).isEqualTo(250);
    assertThat(ReadCoilsResponse.of(true).byteCount()).isEqualTo(1);
    assertThat(ReadDiscreteInputsResponse.of(new boolean[9]).byteCount()).isEqualTo(2);
    assertRejected(() -> ReadCoilsResponse.of(new boolean[2001]), PduViolation.QUANTITY_OUT_OF_RANGE, 2001);
    assertRejected(() -> ReadCoilsResponse.of(), PduViolation.QUANTITY_OUT_OF_RANGE, 0);
    assertRejected(() -> ReadDiscreteInputsResponse.of(new boolean[2001]), PduViolation.QUANTITY_OUT_OF_RANGE,
        2001);
  }

  @Test
  void registerResponsesTakeOneTo125Values() {
    assertRejected(() -> new ReadHoldingRegistersResponse(new short[0]), PduViolation.QUANTITY_OUT_OF_RANGE, 0);
    assertThat(new ReadHoldingRegistersResponse(new short[1]).quantity()).isEqualTo(1);
    assertThat(new ReadHoldingRegistersResponse(new short[125]).quantity()).isEqualTo(125);
    assertRejected(() -> new ReadHoldingRegistersResponse(new short[126]), PduViolation.QUANTITY_OUT_OF_RANGE, 126);
    assertRejected(() -> new ReadInputRegistersResponse(new short[0]), PduViolation.QUANTITY_OUT_OF_RANGE, 0);
    assertThat(new ReadInputRegistersResponse(new short[125]).quantity()).isEqualTo(125);
    assertRejected(() -> new ReadInputRegistersResponse(new short[126]), PduViolation.QUANTITY_OUT_OF_RANGE, 126);
    assertRejected(() -> new ReadWriteMultipleRegistersResponse(new short[0]), PduViolation.QUANTITY_OUT_OF_RANGE,
        0);
    assertThat(new ReadWriteMultipleRegistersResponse(new short[125]).quantity()).isEqualTo(125);
    assertRejected(() -> new ReadWriteMultipleRegistersResponse(new short[126]),
        PduViolation.QUANTITY_OUT_OF_RANGE, 126);
  }

  @Test
  void registerFactoriesRejectValuesAbove16Bits() {
    assertThat(ReadHoldingRegistersResponse.of(0, 65535).value(1)).isEqualTo(65535);
    assertRejected(() -> ReadHoldingRegistersResponse.of(1, 65536), PduViolation.ILLEGAL_VALUE, 65536);
    assertRejected(() -> ReadInputRegistersResponse.of(-1), PduViolation.ILLEGAL_VALUE, -1);
    assertRejected(() -> ReadWriteMultipleRegistersResponse.of(70000), PduViolation.ILLEGAL_VALUE, 70000);
    assertRejected(() -> WriteMultipleRegistersRequest.of(0, 65536), PduViolation.ILLEGAL_VALUE, 65536);
    assertRejected(() -> ReadWriteMultipleRegistersRequest.of(0, 1, 0, 65536), PduViolation.ILLEGAL_VALUE, 65536);
    assertRejected(() -> ReadFifoQueueResponse.of(65536), PduViolation.ILLEGAL_VALUE, 65536);
    assertRejected(() -> FileRecord.of(1, 0, 65536), PduViolation.ILLEGAL_VALUE, 65536);
    assertRejected(() -> FileRecordData.of(-1), PduViolation.ILLEGAL_VALUE, -1);
  }

  @Test
  void fifoQueueResponseTakesZeroTo31Values() {
    assertThat(new ReadFifoQueueResponse(new short[0]).fifoCount()).isZero();
    assertThat(new ReadFifoQueueResponse(new short[31]).fifoCount()).isEqualTo(31);
    assertRejected(() -> new ReadFifoQueueResponse(new short[32]), PduViolation.QUANTITY_OUT_OF_RANGE, 32);
  }

  @Test
  void diagnosticsResponseBounds() {
    assertThat(new DiagnosticsResponse(0, new byte[250]).dataLength()).isEqualTo(250);
    assertThat(new DiagnosticsResponse(65535, new byte[0]).subFunction()).isEqualTo(65535);
    assertRejected(() -> new DiagnosticsResponse(0, new byte[251]), PduViolation.QUANTITY_OUT_OF_RANGE, 251);
    assertRejected(() -> new DiagnosticsResponse(65536, new byte[2]), PduViolation.ILLEGAL_VALUE, 65536);
    assertRejected(() -> new DiagnosticsResponse(-1, new byte[2]), PduViolation.ILLEGAL_VALUE, -1);
    assertRejected(() -> DiagnosticsResponse.of(DiagnosticSubFunction.RETURN_SERVER_MESSAGE_COUNT, 65536),
        PduViolation.ILLEGAL_VALUE, 65536);
  }

  @Test
  void reportServerIdResponseByteCountBounds() {
    assertRejected(() -> new ReportServerIdResponse(new byte[0]), PduViolation.QUANTITY_OUT_OF_RANGE, 0);
    assertThat(new ReportServerIdResponse(new byte[1]).byteCount()).isEqualTo(1);
    assertThat(new ReportServerIdResponse(new byte[251]).byteCount()).isEqualTo(251);
    assertRejected(() -> new ReportServerIdResponse(new byte[252]), PduViolation.QUANTITY_OUT_OF_RANGE, 252);
    assertRejected(() -> ReportServerIdResponse.of(new byte[200], true, new byte[51]),
        PduViolation.QUANTITY_OUT_OF_RANGE, 252);
  }

  @Test
  void reportServerIdFactoryPlacesTheRunIndicatorAfterTheServerId() {
    ReportServerIdResponse r = ReportServerIdResponse.of(new byte[] {0x11, 0x22}, true, new byte[] {0x33});
    assertThat(r.data()).containsExactly(0x11, 0x22, 0xFF, 0x33);
    assertThat(ReportServerIdResponse.of(new byte[0], false, new byte[0]).data()).containsExactly(0x00);
  }

  @Test
  void userDefinedFunctionCodeBounds() {
    for (int fc : new int[] {65, 72, 100, 110}) {
      assertThat(new UserDefinedRequest(fc, new byte[0]).functionCode()).isEqualTo(fc);
      assertThat(new UserDefinedResponse(fc, new byte[0]).functionCode()).isEqualTo(fc);
    }
    for (int fc : new int[] {64, 73, 99, 111, 0x03, 0x2B, 0x80 + 65}) {
      assertRejected(() -> new UserDefinedRequest(fc, new byte[0]), PduViolation.UNSUPPORTED_FUNCTION_CODE, fc);
      assertRejected(() -> new UserDefinedResponse(fc, new byte[0]), PduViolation.UNSUPPORTED_FUNCTION_CODE, fc);
    }
  }

  @Test
  void userDefinedDataBounds() {
    assertThat(new UserDefinedRequest(65, new byte[252]).dataLength()).isEqualTo(252);
    assertRejected(() -> new UserDefinedRequest(65, new byte[253]), PduViolation.QUANTITY_OUT_OF_RANGE, 253);
    assertThat(new UserDefinedResponse(110, new byte[252]).dataLength()).isEqualTo(252);
    assertRejected(() -> new UserDefinedResponse(110, new byte[253]), PduViolation.QUANTITY_OUT_OF_RANGE, 253);
  }

  @Test
  void encapsulatedInterfaceBounds() {
    assertThat(new EncapsulatedInterfaceRequest(0x0D, new byte[251]).dataLength()).isEqualTo(251);
    assertThat(new EncapsulatedInterfaceResponse(0xFF, new byte[0]).meiType()).isEqualTo(0xFF);
    assertRejected(() -> new EncapsulatedInterfaceRequest(0x0D, new byte[252]), PduViolation.QUANTITY_OUT_OF_RANGE,
        252);
    assertRejected(() -> new EncapsulatedInterfaceResponse(0x0D, new byte[252]),
        PduViolation.QUANTITY_OUT_OF_RANGE, 252);
    assertRejected(() -> new EncapsulatedInterfaceRequest(0x0E, new byte[0]), PduViolation.ILLEGAL_VALUE, 14);
    assertRejected(() -> new EncapsulatedInterfaceResponse(0x0E, new byte[0]), PduViolation.ILLEGAL_VALUE, 14);
    assertRejected(() -> new EncapsulatedInterfaceRequest(256, new byte[0]), PduViolation.ILLEGAL_VALUE, 256);
    assertRejected(() -> new EncapsulatedInterfaceResponse(-1, new byte[0]), PduViolation.ILLEGAL_VALUE, -1);
  }

  @Test
  void deviceIdObjectBounds() {
    assertThat(new DeviceIdObject(255, new byte[245]).length()).isEqualTo(245);
    assertThat(new DeviceIdObject(0, new byte[0]).length()).isZero();
    assertRejected(() -> new DeviceIdObject(0, new byte[246]), PduViolation.QUANTITY_OUT_OF_RANGE, 246);
    assertRejected(() -> new DeviceIdObject(256, new byte[0]), PduViolation.ILLEGAL_VALUE, 256);
    assertRejected(() -> new DeviceIdObject(-1, new byte[0]), PduViolation.ILLEGAL_VALUE, -1);
  }

  @Test
  void deviceIdentificationResponseFitsIn253Bytes() {
    // 7 header bytes + id + length + 244 value bytes = 253
    ReadDeviceIdentificationResponse full = new ReadDeviceIdentificationResponse(ReadDeviceIdCode.EXTENDED, 0x83,
        false, 0, List.of(new DeviceIdObject(0x80, new byte[244])));
    assertThat(ModbusPduCodec.encodedLength(full)).isEqualTo(253);
    assertRejected(() -> new ReadDeviceIdentificationResponse(ReadDeviceIdCode.EXTENDED, 0x83, false, 0,
        List.of(new DeviceIdObject(0x80, new byte[245]))), PduViolation.QUANTITY_OUT_OF_RANGE, 254);
    assertRejected(() -> new ReadDeviceIdentificationResponse(ReadDeviceIdCode.BASIC, 0x81, false, 0,
        List.of(new DeviceIdObject(0, new byte[120]), new DeviceIdObject(1, new byte[123]))),
        PduViolation.QUANTITY_OUT_OF_RANGE, 254);
  }

  @Test
  void deviceIdentificationResponseHeaderBounds() {
    assertThat(new ReadDeviceIdentificationResponse(ReadDeviceIdCode.BASIC, 255, true, 255, List.of())
        .numberOfObjects()).isZero();
    assertRejected(() -> new ReadDeviceIdentificationResponse(ReadDeviceIdCode.BASIC, 256, false, 0, List.of()),
        PduViolation.ILLEGAL_VALUE, 256);
    assertRejected(() -> new ReadDeviceIdentificationResponse(ReadDeviceIdCode.BASIC, 1, false, -1, List.of()),
        PduViolation.ILLEGAL_VALUE, -1);
  }
}
