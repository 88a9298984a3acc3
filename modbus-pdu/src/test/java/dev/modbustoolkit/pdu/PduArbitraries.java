package dev.modbustoolkit.pdu;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import net.jqwik.api.domains.DomainContextBase;

/**
 * jqwik domain of valid PDUs: one generator per request and response record, covering the whole range each
 * record accepts (quantities up to the spec maximum, addresses up to the end of the address space, lists of file
 * records and device id objects up to the 253-byte PDU limit). Use with {@code @Domain(PduArbitraries.class)} and
 * {@code @ForAll ModbusRequest} / {@code @ForAll ModbusResponse}.
 */
public class PduArbitraries extends DomainContextBase {

  @Provide
  Arbitrary<ModbusRequest> anyRequest() {
    return requests();
  }

  @Provide
  Arbitrary<ModbusResponse> anyResponse() {
    return responses();
  }

  /** Every request type, equally likely. */
  public static Arbitrary<ModbusRequest> requests() {
    return Arbitraries.oneOf(List.<Arbitrary<? extends ModbusRequest>>of(
        readCoilsRequests(), readDiscreteInputsRequests(), readHoldingRegistersRequests(),
        readInputRegistersRequests(), writeSingleCoilRequests(), writeSingleRegisterRequests(),
        Arbitraries.just(new ReadExceptionStatusRequest()), diagnosticsRequests(),
        Arbitraries.just(new GetCommEventCounterRequest()), Arbitraries.just(new GetCommEventLogRequest()),
        writeMultipleCoilsRequests(), writeMultipleRegistersRequests(), Arbitraries.just(new ReportServerIdRequest()),
        readFileRecordRequests(), writeFileRecordRequests(), maskWriteRegisterRequests(),
        readWriteMultipleRegistersRequests(), readFifoQueueRequests(), readDeviceIdentificationRequests(),
        encapsulatedInterfaceRequests(), userDefinedRequests()));
  }

  /** Every response type, equally likely. */
  public static Arbitrary<ModbusResponse> responses() {
    return Arbitraries.oneOf(List.<Arbitrary<? extends ModbusResponse>>of(
        readCoilsResponses(), readDiscreteInputsResponses(), readHoldingRegistersResponses(),
        readInputRegistersResponses(), writeSingleCoilResponses(), writeSingleRegisterResponses(),
        readExceptionStatusResponses(), diagnosticsResponses(), getCommEventCounterResponses(),
        getCommEventLogResponses(), writeMultipleCoilsResponses(), writeMultipleRegistersResponses(),
        reportServerIdResponses(), readFileRecordResponses(), writeFileRecordResponses(),
        maskWriteRegisterResponses(), readWriteMultipleRegistersResponses(), readFifoQueueResponses(),
        readDeviceIdentificationResponses(), encapsulatedInterfaceResponses(), userDefinedResponses(),
        exceptionResponses()));
  }

  // ---- building blocks

  public static Arbitrary<Integer> u16() {
    return Arbitraries.integers().between(0, 0xFFFF);
  }

  public static Arbitrary<Integer> u8() {
    return Arbitraries.integers().between(0, 0xFF);
  }

  public static Arbitrary<byte[]> bytes(int min, int max) {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
  }

  public static Arbitrary<short[]> registers(int min, int max) {
    return Arbitraries.shorts().array(short[].class).ofMinSize(min).ofMaxSize(max);
  }

  public static Arbitrary<boolean[]> bits(int min, int max) {
    return Arbitraries.of(true, false).array(boolean[].class).ofMinSize(min).ofMaxSize(max);
  }

  /** Builds from (address, quantity) with quantity 1..max and address + quantity <= 65536. */
  interface AddressQuantity<T> {
    T make(int address, int quantity);
  }

  static <T> Arbitrary<T> addressQuantity(int max, AddressQuantity<T> make) {
    return Arbitraries.integers().between(1, max).flatMap(q ->
        Arbitraries.integers().between(0, 65536 - q).map(a -> make.make(a, q)));
  }

  public static Arbitrary<Integer> addressFor(int quantity) {
    return Arbitraries.integers().between(0, 65536 - quantity);
  }

  public static Arbitrary<Integer> userDefinedCodes() {
    return Arbitraries.oneOf(Arbitraries.integers().between(65, 72), Arbitraries.integers().between(100, 110));
  }

  // ---- requests

  public static Arbitrary<ReadCoilsRequest> readCoilsRequests() {
    return addressQuantity(ModbusLimits.MAX_READ_BITS, ReadCoilsRequest::new);
  }

  public static Arbitrary<ReadDiscreteInputsRequest> readDiscreteInputsRequests() {
    return addressQuantity(ModbusLimits.MAX_READ_BITS, ReadDiscreteInputsRequest::new);
  }

  public static Arbitrary<ReadHoldingRegistersRequest> readHoldingRegistersRequests() {
    return addressQuantity(ModbusLimits.MAX_READ_REGISTERS, ReadHoldingRegistersRequest::new);
  }

  public static Arbitrary<ReadInputRegistersRequest> readInputRegistersRequests() {
    return addressQuantity(ModbusLimits.MAX_READ_REGISTERS, ReadInputRegistersRequest::new);
  }

  public static Arbitrary<WriteSingleCoilRequest> writeSingleCoilRequests() {
    return Combinators.combine(u16(), Arbitraries.of(true, false)).as(WriteSingleCoilRequest::new);
  }

  public static Arbitrary<WriteSingleRegisterRequest> writeSingleRegisterRequests() {
    return Combinators.combine(u16(), u16()).as(WriteSingleRegisterRequest::new);
  }

  /** Data as each sub-function allows it (spec 6.8.1). */
  public static Arbitrary<DiagnosticsRequest> diagnosticsRequests() {
    return Arbitraries.of(DiagnosticSubFunction.class).flatMap(sub -> switch (sub) {
      case RETURN_QUERY_DATA -> bytes(0, ModbusLimits.MAX_DIAGNOSTIC_DATA_LENGTH)
          .map(data -> new DiagnosticsRequest(sub.code(), data));
      case RESTART_COMMUNICATIONS_OPTION -> Arbitraries.of(0x0000, 0xFF00)
          .map(word -> DiagnosticsRequest.of(sub, word));
      case CHANGE_ASCII_INPUT_DELIMITER -> u8().map(c -> DiagnosticsRequest.of(sub, c << 8));
      default -> Arbitraries.just(DiagnosticsRequest.of(sub, 0));
    });
  }

  public static Arbitrary<WriteMultipleCoilsRequest> writeMultipleCoilsRequests() {
    return bits(1, ModbusLimits.MAX_WRITE_COILS).flatMap(values ->
        addressFor(values.length).map(a -> new WriteMultipleCoilsRequest(a, values)));
  }

  public static Arbitrary<WriteMultipleRegistersRequest> writeMultipleRegistersRequests() {
    return registers(1, ModbusLimits.MAX_WRITE_REGISTERS).flatMap(values ->
        addressFor(values.length).map(a -> new WriteMultipleRegistersRequest(a, values)));
  }

  /** 1..35 references whose expected response still fits in 253 bytes. */
  public static Arbitrary<ReadFileRecordRequest> readFileRecordRequests() {
    return Arbitraries.integers().between(1, 35).flatMap(n -> {
      int maxLength = (251 - 2 * n) / (2 * n);
      Arbitrary<FileRecordReference> reference = Combinators.combine(
          Arbitraries.integers().between(1, 0xFFFF),
          Arbitraries.integers().between(0, ModbusLimits.MAX_FILE_RECORD_NUMBER),
          Arbitraries.integers().between(1, maxLength)).as(FileRecordReference::new);
      return reference.list().ofSize(n).map(ReadFileRecordRequest::new);
    });
  }

  public static Arbitrary<List<FileRecord>> fileRecords() {
    return Arbitraries.integers().between(1, 27).flatMap(n -> {
      int maxLength = (251 - 7 * n) / (2 * n);
      Arbitrary<FileRecord> record = Combinators.combine(
          Arbitraries.integers().between(1, 0xFFFF),
          Arbitraries.integers().between(0, ModbusLimits.MAX_FILE_RECORD_NUMBER),
          registers(1, maxLength)).as(FileRecord::new);
      return record.list().ofSize(n);
    });
  }

  public static Arbitrary<WriteFileRecordRequest> writeFileRecordRequests() {
    return fileRecords().map(WriteFileRecordRequest::new);
  }

  public static Arbitrary<MaskWriteRegisterRequest> maskWriteRegisterRequests() {
    return Combinators.combine(u16(), u16(), u16()).as(MaskWriteRegisterRequest::new);
  }

  public static Arbitrary<ReadWriteMultipleRegistersRequest> readWriteMultipleRegistersRequests() {
    Arbitrary<int[]> read = addressQuantity(ModbusLimits.MAX_READ_WRITE_READ, (a, q) -> new int[] {a, q});
    Arbitrary<short[]> write = registers(1, ModbusLimits.MAX_READ_WRITE_WRITE);
    return Combinators.combine(read, write).flatAs((r, w) ->
        addressFor(w.length).map(wa -> new ReadWriteMultipleRegistersRequest(r[0], r[1], wa, w)));
  }

  public static Arbitrary<ReadFifoQueueRequest> readFifoQueueRequests() {
    return u16().map(ReadFifoQueueRequest::new);
  }

  public static Arbitrary<ReadDeviceIdentificationRequest> readDeviceIdentificationRequests() {
    return Combinators.combine(Arbitraries.of(ReadDeviceIdCode.class), u8())
        .as(ReadDeviceIdentificationRequest::new);
  }

  /** MEI type 0x0D only: the request decoder answers other MEI types with UNSUPPORTED_SUB_FUNCTION. */
  public static Arbitrary<EncapsulatedInterfaceRequest> encapsulatedInterfaceRequests() {
    return bytes(0, ModbusLimits.MAX_MEI_DATA_LENGTH)
        .map(data -> new EncapsulatedInterfaceRequest(ModbusLimits.MEI_CANOPEN_GENERAL_REFERENCE, data));
  }

  public static Arbitrary<UserDefinedRequest> userDefinedRequests() {
    return Combinators.combine(userDefinedCodes(), bytes(0, ModbusLimits.MAX_USER_DEFINED_DATA_LENGTH))
        .as(UserDefinedRequest::new);
  }

  // ---- responses

  public static Arbitrary<ReadCoilsResponse> readCoilsResponses() {
    return Arbitraries.oneOf(bytes(1, ModbusLimits.MAX_BIT_BYTE_COUNT).map(ReadCoilsResponse::new),
        bits(1, ModbusLimits.MAX_READ_BITS).map(ReadCoilsResponse::of));
  }

  public static Arbitrary<ReadDiscreteInputsResponse> readDiscreteInputsResponses() {
    return Arbitraries.oneOf(bytes(1, ModbusLimits.MAX_BIT_BYTE_COUNT).map(ReadDiscreteInputsResponse::new),
        bits(1, ModbusLimits.MAX_READ_BITS).map(ReadDiscreteInputsResponse::of));
  }

  public static Arbitrary<ReadHoldingRegistersResponse> readHoldingRegistersResponses() {
    return registers(1, ModbusLimits.MAX_READ_REGISTERS).map(ReadHoldingRegistersResponse::new);
  }

  public static Arbitrary<ReadInputRegistersResponse> readInputRegistersResponses() {
    return registers(1, ModbusLimits.MAX_READ_REGISTERS).map(ReadInputRegistersResponse::new);
  }

  public static Arbitrary<WriteSingleCoilResponse> writeSingleCoilResponses() {
    return Combinators.combine(u16(), Arbitraries.of(true, false)).as(WriteSingleCoilResponse::new);
  }

  public static Arbitrary<WriteSingleRegisterResponse> writeSingleRegisterResponses() {
    return Combinators.combine(u16(), u16()).as(WriteSingleRegisterResponse::new);
  }

  public static Arbitrary<ReadExceptionStatusResponse> readExceptionStatusResponses() {
    return u8().map(ReadExceptionStatusResponse::new);
  }

  /** Half spec-shaped (known sub-function, one data word), half anything a device might send. */
  public static Arbitrary<DiagnosticsResponse> diagnosticsResponses() {
    Arbitrary<DiagnosticsResponse> shaped = Combinators.combine(Arbitraries.of(DiagnosticSubFunction.class), u16())
        .as(DiagnosticsResponse::of);
    Arbitrary<DiagnosticsResponse> any = Combinators.combine(u16(), bytes(0, ModbusLimits.MAX_DIAGNOSTIC_DATA_LENGTH))
        .as(DiagnosticsResponse::new);
    return Arbitraries.oneOf(shaped, any);
  }

  public static Arbitrary<GetCommEventCounterResponse> getCommEventCounterResponses() {
    return Combinators.combine(Arbitraries.of(true, false), u16()).as(GetCommEventCounterResponse::new);
  }

  public static Arbitrary<GetCommEventLogResponse> getCommEventLogResponses() {
    return Combinators.combine(Arbitraries.of(true, false), u16(), u16(), bytes(0, ModbusLimits.MAX_COMM_EVENTS))
        .as(GetCommEventLogResponse::new);
  }

  public static Arbitrary<WriteMultipleCoilsResponse> writeMultipleCoilsResponses() {
    return addressQuantity(ModbusLimits.MAX_WRITE_COILS, WriteMultipleCoilsResponse::new);
  }

  public static Arbitrary<WriteMultipleRegistersResponse> writeMultipleRegistersResponses() {
    return addressQuantity(ModbusLimits.MAX_WRITE_REGISTERS, WriteMultipleRegistersResponse::new);
  }

  public static Arbitrary<ReportServerIdResponse> reportServerIdResponses() {
    return bytes(1, ModbusLimits.MAX_REPORT_SERVER_ID_LENGTH).map(ReportServerIdResponse::new);
  }

  /** 1..62 sub-responses whose data length stays within 4..251. */
  public static Arbitrary<ReadFileRecordResponse> readFileRecordResponses() {
    return Arbitraries.integers().between(1, 62).flatMap(n -> {
      int maxLength = (251 - 2 * n) / (2 * n);
      return registers(1, maxLength).map(FileRecordData::new).list().ofSize(n).map(ReadFileRecordResponse::new);
    });
  }

  public static Arbitrary<WriteFileRecordResponse> writeFileRecordResponses() {
    return fileRecords().map(WriteFileRecordResponse::new);
  }

  public static Arbitrary<MaskWriteRegisterResponse> maskWriteRegisterResponses() {
    return Combinators.combine(u16(), u16(), u16()).as(MaskWriteRegisterResponse::new);
  }

  public static Arbitrary<ReadWriteMultipleRegistersResponse> readWriteMultipleRegistersResponses() {
    return registers(1, ModbusLimits.MAX_READ_WRITE_READ).map(ReadWriteMultipleRegistersResponse::new);
  }

  public static Arbitrary<ReadFifoQueueResponse> readFifoQueueResponses() {
    return registers(0, ModbusLimits.MAX_FIFO_COUNT).map(ReadFifoQueueResponse::new);
  }

  /** 0..30 objects whose values together keep the PDU within 253 bytes. */
  public static Arbitrary<ReadDeviceIdentificationResponse> readDeviceIdentificationResponses() {
    Arbitrary<List<DeviceIdObject>> objects = Arbitraries.integers().between(0, 30).flatMap(n -> {
      int maxLength = n == 0 ? 0 : Math.min(244, (246 - 2 * n) / n);
      return Combinators.combine(u8(), bytes(0, maxLength)).as(DeviceIdObject::new).list().ofSize(n);
    });
    return Combinators.combine(Arbitraries.of(ReadDeviceIdCode.class), u8(), Arbitraries.of(true, false), u8(),
        objects).as(ReadDeviceIdentificationResponse::new);
  }

  public static Arbitrary<EncapsulatedInterfaceResponse> encapsulatedInterfaceResponses() {
    return Combinators.combine(u8().filter(mei -> mei != ModbusLimits.MEI_READ_DEVICE_IDENTIFICATION),
        bytes(0, ModbusLimits.MAX_MEI_DATA_LENGTH)).as(EncapsulatedInterfaceResponse::new);
  }

  public static Arbitrary<UserDefinedResponse> userDefinedResponses() {
    return Combinators.combine(userDefinedCodes(), bytes(0, ModbusLimits.MAX_USER_DEFINED_DATA_LENGTH))
        .as(UserDefinedResponse::new);
  }

  public static Arbitrary<ExceptionResponse> exceptionResponses() {
    return Combinators.combine(Arbitraries.integers().between(1, 0x7F), Arbitraries.integers().between(1, 0xFF))
        .as(ExceptionResponse::new);
  }
}
