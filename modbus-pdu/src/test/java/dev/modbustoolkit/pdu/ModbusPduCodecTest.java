package dev.modbustoolkit.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decoder failures by reason, buffer handling and length prediction, on hand-made PDUs. */
class ModbusPduCodecTest {

  private static ByteBuffer hex(String hex) {
    return ByteBuffer.wrap(HexFormat.of().parseHex(hex.replace(" ", "")));
  }

  private static ModbusDecodeException requestFails(String hex) {
    return catchDecode(() -> ModbusPduCodec.decodeRequest(hex(hex)));
  }

  private static ModbusDecodeException responseFails(String hex) {
    return catchDecode(() -> ModbusPduCodec.decodeResponse(hex(hex)));
  }

  private static ModbusDecodeException catchDecode(Runnable decode) {
    try {
      decode.run();
    } catch (ModbusDecodeException e) {
      return e;
    }
    throw new AssertionError("expected a ModbusDecodeException");
  }

  @ParameterizedTest(name = "request {0} -> {1} ({2})")
  @CsvSource({
      "'',                         EMPTY_PDU,                 0",
      "09,                         UNSUPPORTED_FUNCTION_CODE, 9",
      "00,                         UNSUPPORTED_FUNCTION_CODE, 0",
      "83 02,                      UNSUPPORTED_FUNCTION_CODE, 131",
      "03 00 00 00,                TRUNCATED,                 3",
      "03 00 00 00 01 00,          TRAILING_BYTES,            1",
      "03 00 00 00 00,             QUANTITY_OUT_OF_RANGE,     0",
      "03 FF FF 00 02,             ADDRESS_OUT_OF_RANGE,      65537",
      "05 00 01 FF 01,             ILLEGAL_VALUE,             65281",
      "07 00,                      TRAILING_BYTES,            1",
      "08 00,                      TRUNCATED,                 1",
      "08 00 13 00 00,             UNSUPPORTED_SUB_FUNCTION,  19",
      "08 00 0A 00 01,             ILLEGAL_VALUE,             1",
      "0F 00 00 00 0A 01 FF,       BYTE_COUNT_MISMATCH,       1",
      "0F 00 00 00 0A 02 FF,       TRUNCATED,                 1",
      "0F 00 00 07 B1 F7,          QUANTITY_OUT_OF_RANGE,     1969",
      "10 00 00 00 02 03 00 01 00, BYTE_COUNT_MISMATCH,       3",
      "10 00 00 00 7C F8,          QUANTITY_OUT_OF_RANGE,     124",
      "10 FF FF 00 02 04 00 01 00 02, ADDRESS_OUT_OF_RANGE,   65537",
      "14 08 06 00 01 00 00 00 01 00, BYTE_COUNT_MISMATCH,    8",
      "14 07 05 00 01 00 00 00 01, FILE_RECORD_OUT_OF_RANGE,  5",
      "14 07 06 00 00 00 00 00 01, FILE_RECORD_OUT_OF_RANGE,  0",
      "14 07 06 00 01 27 10 00 01, FILE_RECORD_OUT_OF_RANGE,  10000",
      "15 09 06 00 01 00 00 00 02 00 01, BYTE_COUNT_MISMATCH, 2",
      "15 0A 06 00 01 00 00 00 01 00 01 00, BYTE_COUNT_MISMATCH, 1",
      "16 00 01 00 02 00,          TRUNCATED,                 5",
      "17 00 00 00 7E 00 00 00 01 02 00 00, QUANTITY_OUT_OF_RANGE, 126",
      "17 00 00 00 01 00 00 00 7A F4, QUANTITY_OUT_OF_RANGE,  122",
      "17 00 00 00 01 00 00 00 01 04 00 00, BYTE_COUNT_MISMATCH, 4",
      "2B,                         TRUNCATED,                 0",
      "2B 0F,                      UNSUPPORTED_SUB_FUNCTION,  15",
      "2B 0E 05 00,                ILLEGAL_VALUE,             5",
      "2B 0E 00 00,                ILLEGAL_VALUE,             0",
      "2B 0E 01 00 00,             TRAILING_BYTES,            1",
  })
  void requestRejectedFor(String hex, PduViolation violation, long offendingValue) {
    ModbusDecodeException e = requestFails(hex);
    assertThat(e.violation()).isEqualTo(violation);
    assertThat(e.offendingValue()).isEqualTo(offendingValue);
    assertThat(e.exceptionCode()).isEqualTo(violation.exceptionCode());
    assertThat(e.functionCode()).isEqualTo(hex.isBlank() ? -1 : Integer.parseInt(hex.substring(0, 2), 16));
    assertThat(e.getMessage()).isNotBlank();
  }

  @ParameterizedTest(name = "response {0} -> {1} ({2})")
  @CsvSource({
      "'',                         EMPTY_PDU,                 0",
      "80 01,                      UNSUPPORTED_FUNCTION_CODE, 128",
      "83 00,                      ILLEGAL_VALUE,             0",
      "83,                         TRUNCATED,                 0",
      "83 02 00,                   TRAILING_BYTES,            1",
      "01 00,                      QUANTITY_OUT_OF_RANGE,     0",
      "01 02 FF,                   TRUNCATED,                 1",
      "03 03 00 01 00,             BYTE_COUNT_MISMATCH,       3",
      "03 02 00 01 00,             TRAILING_BYTES,            1",
      "05 00 01 00 FF,             ILLEGAL_VALUE,             255",
      "0B 12 34 00 00,             ILLEGAL_VALUE,             4660",
      "0C 05 00 00 00 00 00,       BYTE_COUNT_MISMATCH,       5",
      "11 00,                      QUANTITY_OUT_OF_RANGE,     0",
      "14 03 02 06 00,             BYTE_COUNT_MISMATCH,       3",
      "14 04 03 07 00 01,          FILE_RECORD_OUT_OF_RANGE,  7",
      "14 04 05 06 00 01,          BYTE_COUNT_MISMATCH,       5",
      "14 04 02 06 00 01,          BYTE_COUNT_MISMATCH,       2",
      "18 00 04 00 02 00 01 00 02, BYTE_COUNT_MISMATCH,       4",
      "18 00 42 00 20,             QUANTITY_OUT_OF_RANGE,     32",
      "18 00 04 00 01 00,          TRUNCATED,                 1",
      "2B 0E 01 01 01 00 00,       ILLEGAL_VALUE,             1",
      "2B 0E 01 01 00 00 01 00 05 41 42, TRUNCATED,           2",
      "2B 0E 01 01 00 00 00 00,    TRAILING_BYTES,            1",
      "2B 0E 01 01 00 00,          TRUNCATED,                 4",
  })
  void responseRejectedFor(String hex, PduViolation violation, long offendingValue) {
    ModbusDecodeException e = responseFails(hex);
    assertThat(e.violation()).isEqualTo(violation);
    assertThat(e.offendingValue()).isEqualTo(offendingValue);
    assertThat(e.exceptionCode()).isEqualTo(violation.exceptionCode());
  }

  @Test
  void decodeExceptionIsStackless() {
    ModbusDecodeException e = requestFails("09");
    assertThat(e.getStackTrace()).isEmpty();
    assertThat(e.getCause()).isNull();
  }

  @Test
  void responseDecoderAcceptsAnyDiagnosticSubFunctionAndData() {
    assertThat(ModbusPduCodec.decodeResponse(hex("08 12 34 01 02 03")))
        .isEqualTo(new DiagnosticsResponse(0x1234, new byte[] {1, 2, 3}));
  }

  @Test
  void responseDecoderPassesOtherMeiTypesThrough() {
    assertThat(ModbusPduCodec.decodeResponse(hex("2B 0D 01 02")))
        .isEqualTo(new EncapsulatedInterfaceResponse(0x0D, new byte[] {1, 2}));
  }

  @Test
  void requestDecoderPassesCanopenThrough() {
    assertThat(ModbusPduCodec.decodeRequest(hex("2B 0D AA")))
        .isEqualTo(new EncapsulatedInterfaceRequest(0x0D, new byte[] {(byte) 0xAA}));
  }

  @Test
  void userDefinedCodesPassThroughOpaque() {
    assertThat(ModbusPduCodec.decodeRequest(hex("41 01 02"))).isEqualTo(new UserDefinedRequest(65, new byte[] {1, 2}));
    assertThat(ModbusPduCodec.decodeResponse(hex("6E"))).isEqualTo(new UserDefinedResponse(110, new byte[0]));
  }

  @Test
  void exceptionResponseKeepsUnknownCodes() {
    ModbusResponse r = ModbusPduCodec.decodeResponse(hex("90 FE"));
    assertThat(r).isEqualTo(new ExceptionResponse(0x10, 0xFE));
    assertThat(r.functionCode()).isEqualTo(0x10);
    assertThat(((ExceptionResponse) r).knownExceptionCode()).isEmpty();
  }

  @Test
  void decodeReadsFromPositionToLimitAndConsumesIt() {
    ByteBuffer in = hex("FF FF 03 00 6B 00 03 EE");
    in.position(2).limit(7);
    assertThat(ModbusPduCodec.decodeRequest(in)).isEqualTo(new ReadHoldingRegistersRequest(0x6B, 3));
    assertThat(in.position()).isEqualTo(7);
  }

  @Test
  void decodeWorksOnDirectAndReadOnlyBuffers() {
    ByteBuffer direct = ByteBuffer.allocateDirect(5).put(HexFormat.of().parseHex("0600010003")).flip();
    assertThat(ModbusPduCodec.decodeRequest(direct)).isEqualTo(new WriteSingleRegisterRequest(1, 3));
    ByteBuffer readOnly = hex("06 00 01 00 03").asReadOnlyBuffer();
    assertThat(ModbusPduCodec.decodeResponse(readOnly)).isEqualTo(new WriteSingleRegisterResponse(1, 3));
  }

  @Test
  void encodeReturnsBytesWrittenAndAdvances() {
    ByteBuffer out = ByteBuffer.allocate(10);
    out.put((byte) 0x77);
    int written = ModbusPduCodec.encode(new ReadCoilsRequest(0x13, 0x13), out);
    assertThat(written).isEqualTo(5);
    assertThat(out.position()).isEqualTo(6);
    assertThat(HexFormat.of().formatHex(out.array(), 0, 6)).isEqualTo("7701001300" + "13");
  }

  @Test
  void encodesCoilsLsbFirstWithZeroPadding() {
    WriteMultipleCoilsRequest r = WriteMultipleCoilsRequest.of(0x13,
        true, false, true, true, false, false, true, true, true, false);
    assertThat(HexFormat.of().formatHex(ModbusPduCodec.toBytes(r))).isEqualTo("0f0013000a02cd01");
  }

  @Test
  void encodesEveryFifoFieldBigEndian() {
    assertThat(HexFormat.of().formatHex(ModbusPduCodec.toBytes(ReadFifoQueueResponse.of(0x01B8, 0x1284))))
        .isEqualTo("1800060002" + "01b81284");
  }

  @Test
  void encodesFileRecordSubResponses() {
    ReadFileRecordResponse r = ReadFileRecordResponse.of(FileRecordData.of(0x0DFE, 0x0020),
        FileRecordData.of(0x33CD, 0x0040));
    assertThat(HexFormat.of().formatHex(ModbusPduCodec.toBytes(r))).isEqualTo("140c" + "05060dfe0020" + "050633cd0040");
  }

  @Test
  void encodesDeviceIdentificationObjects() {
    ReadDeviceIdentificationResponse r = new ReadDeviceIdentificationResponse(ReadDeviceIdCode.BASIC, 0x01, true,
        0x02, List.of(DeviceIdObject.of(0, "AB"), DeviceIdObject.of(1, "C")));
    assertThat(HexFormat.of().formatHex(ModbusPduCodec.toBytes(r))).isEqualTo("2b0e0101ff0202" + "00024142" + "010143");
    assertThat(ModbusPduCodec.encodedLength(r)).isEqualTo(14);
  }

  @ParameterizedTest(name = "request prefix {0} -> {1}")
  @CsvSource({
      "'',             -1",
      "03,             5",
      "07,             1",
      "08,             -1",
      "08 00,          -1",
      "08 00 00,       -2",
      "08 00 0B,       5",
      "0F 00 00 00,    -1",
      "0F 00 00 00 0A 02, 8",
      "10 00 00 00 02 04, 10",
      "14,             -1",
      "14 0E,          16",
      "15 09,          11",
      "16,             7",
      "17 00 00 00 01 00 00 00 01, -1",
      "17 00 00 00 01 00 00 00 01 02, 12",
      "18,             3",
      "2B,             -1",
      "2B 0E,          4",
      "2B 0D,          -2",
      "41,             -2",
      "09,             -2",
  })
  void requestLengthPrediction(String hex, int expected) {
    ByteBuffer prefix = hex(hex);
    assertThat(ModbusPduCodec.requestLength(prefix)).isEqualTo(expected);
    assertThat(prefix.position()).isZero();
  }

  @ParameterizedTest(name = "response prefix {0} -> {1}")
  @CsvSource({
      "'',             -1",
      "81,             2",
      "01,             -1",
      "01 03,          5",
      "05,             5",
      "07,             2",
      "08 00 00,       -2",
      "08 00 02,       5",
      "08 00 13,       -2",
      "0B,             5",
      "0C 08,          10",
      "11 03,          5",
      "16,             7",
      "18 00,          -1",
      "18 00 06,       9",
      "2B 0E 01 01 00 00, -1",
      "2B 0E 01 01 00 00 00, 7",
      "2B 0E 01 01 00 00 02 00 03, -1",
      "2B 0E 01 01 00 00 02 00 03 41 42 43 01, -1",
      "2B 0E 01 01 00 00 02 00 03 41 42 43 01 00, 14",
      "2B 0D,          -2",
      "64,             -2",
  })
  void responseLengthPrediction(String hex, int expected) {
    assertThat(ModbusPduCodec.responseLength(hex(hex))).isEqualTo(expected);
  }

  @Test
  void lengthConstantsAreTheDocumentedOnes() {
    assertThat(ModbusPduCodec.NEED_MORE_BYTES).isEqualTo(-1);
    assertThat(ModbusPduCodec.UNKNOWN_LENGTH).isEqualTo(-2);
  }

  @Test
  void decodeNeverLeaksOtherExceptionsOnShortBodies() {
    for (FunctionCode fc : FunctionCode.values()) {
      for (int extra = 0; extra < 12; extra++) {
        byte[] bytes = new byte[1 + extra];
        bytes[0] = (byte) fc.code();
        java.util.Arrays.fill(bytes, 1, bytes.length, (byte) 0xFF);
        for (boolean request : new boolean[] {true, false}) {
          ByteBuffer in = ByteBuffer.wrap(bytes);
          decodesOrRejects(() -> {
            if (request) {
              ModbusPduCodec.decodeRequest(in);
            } else {
              ModbusPduCodec.decodeResponse(in);
            }
          });
        }
      }
    }
  }

  private static void decodesOrRejects(Runnable decode) {
    try {
      decode.run();
    } catch (ModbusDecodeException expected) {
      assertThat(expected.violation()).isNotNull();
    }
  }

  @Test
  void encodeIntoAnEmptyBufferOverflows() {
    assertThatThrownBy(() -> ModbusPduCodec.encode(new ReportServerIdRequest(), ByteBuffer.allocate(0)))
        .isInstanceOf(java.nio.BufferOverflowException.class);
  }
}
