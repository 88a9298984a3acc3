package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.BitAccessCodec;
import dev.modbustoolkit.pdu.internal.DiagnosticsCodec;
import dev.modbustoolkit.pdu.internal.EncapsulatedInterfaceCodec;
import dev.modbustoolkit.pdu.internal.FileRecordCodec;
import dev.modbustoolkit.pdu.internal.FrameLength;
import dev.modbustoolkit.pdu.internal.OpaqueCodec;
import dev.modbustoolkit.pdu.internal.RegisterAccessCodec;
import dev.modbustoolkit.pdu.internal.Wire;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Encodes and decodes PDUs (big-endian, bits LSB-first). Stateless and thread-safe. Decoders throw only
 * {@link ModbusDecodeException}; encoders write into the caller's buffer without allocating.
 */
public final class ModbusPduCodec {
  /** {@link #requestLength}/{@link #responseLength}: the prefix is too short to tell. */
  public static final int NEED_MORE_BYTES = FrameLength.NEED_MORE_BYTES;
  /** {@link #requestLength}/{@link #responseLength}: the PDU's fields do not tell its length (opaque codes). */
  public static final int UNKNOWN_LENGTH = FrameLength.UNKNOWN_LENGTH;

  private ModbusPduCodec() {}

  /**
   * Decodes the whole of {@code pdu.remaining()} as one request PDU and advances the position to the limit. Any
   * malformed input, including values a record constructor refuses, is a {@link ModbusDecodeException}.
   *
   * @param pdu the PDU
   * @return the {@code ModbusRequest}
   */
  public static ModbusRequest decodeRequest(ByteBuffer pdu) {
    if (!pdu.hasRemaining()) {
      throw Wire.fail(PduViolation.EMPTY_PDU, -1, 0, "empty PDU");
    }
    int fc = Wire.u8(pdu, -1);
    try {
      return switch (fc) {
        case 0x01 -> BitAccessCodec.readCoilsRequest(pdu);
        case 0x02 -> BitAccessCodec.readDiscreteInputsRequest(pdu);
        case 0x03 -> RegisterAccessCodec.readHoldingRegistersRequest(pdu);
        case 0x04 -> RegisterAccessCodec.readInputRegistersRequest(pdu);
        case 0x05 -> BitAccessCodec.writeSingleCoilRequest(pdu);
        case 0x06 -> RegisterAccessCodec.writeSingleRegisterRequest(pdu);
        case 0x07 -> {
          DiagnosticsCodec.emptyRequest(pdu, fc);
          yield new ReadExceptionStatusRequest();
        }
        case 0x08 -> DiagnosticsCodec.diagnosticsRequest(pdu);
        case 0x0B -> {
          DiagnosticsCodec.emptyRequest(pdu, fc);
          yield new GetCommEventCounterRequest();
        }
        case 0x0C -> {
          DiagnosticsCodec.emptyRequest(pdu, fc);
          yield new GetCommEventLogRequest();
        }
        case 0x0F -> BitAccessCodec.writeMultipleCoilsRequest(pdu);
        case 0x10 -> RegisterAccessCodec.writeMultipleRegistersRequest(pdu);
        case 0x11 -> {
          DiagnosticsCodec.emptyRequest(pdu, fc);
          yield new ReportServerIdRequest();
        }
        case 0x14 -> FileRecordCodec.readFileRecordRequest(pdu);
        case 0x15 -> FileRecordCodec.writeFileRecordRequest(pdu);
        case 0x16 -> RegisterAccessCodec.maskWriteRegisterRequest(pdu);
        case 0x17 -> RegisterAccessCodec.readWriteMultipleRegistersRequest(pdu);
        case 0x18 -> RegisterAccessCodec.readFifoQueueRequest(pdu);
        case 0x2B -> EncapsulatedInterfaceCodec.request(pdu);
        default -> {
          if (!FunctionCode.isUserDefined(fc)) {
            throw Wire.fail(PduViolation.UNSUPPORTED_FUNCTION_CODE, fc, fc, "unsupported function code " + fc);
          }
          yield OpaqueCodec.userDefinedRequest(fc, pdu);
        }
      };
    } catch (PduValueException e) {
      throw new ModbusDecodeException(e.violation(), fc, e.offendingValue(), e.getMessage());
    }
  }

  /**
   * Decodes the whole of {@code pdu.remaining()} as one response PDU and advances the position to the limit; a
   * function code with bit 0x80 set is an {@link ExceptionResponse}.
   *
   * @param pdu the PDU
   * @return the {@code ModbusResponse}
   */
  public static ModbusResponse decodeResponse(ByteBuffer pdu) {
    if (!pdu.hasRemaining()) {
      throw Wire.fail(PduViolation.EMPTY_PDU, -1, 0, "empty PDU");
    }
    int fc = Wire.u8(pdu, -1);
    try {
      if (fc >= ModbusLimits.EXCEPTION_OFFSET) {
        return OpaqueCodec.exceptionResponse(fc, pdu);
      }
      return switch (fc) {
        case 0x01 -> BitAccessCodec.readCoilsResponse(pdu);
        case 0x02 -> BitAccessCodec.readDiscreteInputsResponse(pdu);
        case 0x03 -> RegisterAccessCodec.readHoldingRegistersResponse(pdu);
        case 0x04 -> RegisterAccessCodec.readInputRegistersResponse(pdu);
        case 0x05 -> BitAccessCodec.writeSingleCoilResponse(pdu);
        case 0x06 -> RegisterAccessCodec.writeSingleRegisterResponse(pdu);
        case 0x07 -> DiagnosticsCodec.readExceptionStatusResponse(pdu);
        case 0x08 -> DiagnosticsCodec.diagnosticsResponse(pdu);
        case 0x0B -> DiagnosticsCodec.getCommEventCounterResponse(pdu);
        case 0x0C -> DiagnosticsCodec.getCommEventLogResponse(pdu);
        case 0x0F -> BitAccessCodec.writeMultipleCoilsResponse(pdu);
        case 0x10 -> RegisterAccessCodec.writeMultipleRegistersResponse(pdu);
        case 0x11 -> DiagnosticsCodec.reportServerIdResponse(pdu);
        case 0x14 -> FileRecordCodec.readFileRecordResponse(pdu);
        case 0x15 -> FileRecordCodec.writeFileRecordResponse(pdu);
        case 0x16 -> RegisterAccessCodec.maskWriteRegisterResponse(pdu);
        case 0x17 -> RegisterAccessCodec.readWriteMultipleRegistersResponse(pdu);
        case 0x18 -> RegisterAccessCodec.readFifoQueueResponse(pdu);
        case 0x2B -> EncapsulatedInterfaceCodec.response(pdu);
        default -> {
          if (!FunctionCode.isUserDefined(fc)) {
            throw Wire.fail(PduViolation.UNSUPPORTED_FUNCTION_CODE, fc, fc, "unsupported function code " + fc);
          }
          yield OpaqueCodec.userDefinedResponse(fc, pdu);
        }
      };
    } catch (PduValueException e) {
      throw new ModbusDecodeException(e.violation(), fc, e.offendingValue(), e.getMessage());
    }
  }

  /**
   * Writes the PDU at {@code out.position()}, advances it and returns the number of bytes written. Throws
   * {@link BufferOverflowException} before writing anything when {@code out} lacks room.
   *
   * @param pdu the PDU
   * @param out the buffer to write into
   * @return the number of bytes written
   */
  public static int encode(ModbusPdu pdu, ByteBuffer out) {
    int length = encodedLength(pdu);
    if (out.remaining() < length) {
      throw new BufferOverflowException();
    }
    switch (pdu) {
      case ModbusRequest request -> encodeRequest(request, out);
      case ModbusResponse response -> encodeResponse(response, out);
    }
    return length;
  }

  /**
   * Encodes into a new array of exactly {@link #encodedLength} bytes (allocates; for tests and tools).
   *
   * @param pdu the PDU
   * @return the {@code byte[]}
   */
  public static byte[] toBytes(ModbusPdu pdu) {
    byte[] bytes = new byte[encodedLength(pdu)];
    encode(pdu, ByteBuffer.wrap(bytes));
    return bytes;
  }

  /**
   * {@return the number of bytes {@link #encode} writes for this PDU}
   *
   * @param pdu the PDU
   */
  public static int encodedLength(ModbusPdu pdu) {
    return switch (pdu) {
      case ModbusRequest request -> requestLength(request);
      case ModbusResponse response -> responseLength(response);
    };
  }

  /**
   * {@return total length of the request PDU starting at {@code prefix.position()}, {@link #NEED_MORE_BYTES} if the
   * prefix is too short to tell, {@link #UNKNOWN_LENGTH} for user-defined, opaque or unknown function codes and for
   * FC08 RETURN_QUERY_DATA} Does not move the position.
   *
   * @param prefix the prefix
   */
  public static int requestLength(ByteBuffer prefix) {
    return FrameLength.request(prefix);
  }

  /**
   * As {@link #requestLength(ByteBuffer)} for a response PDU; exception responses are 2 bytes.
   *
   * @param prefix the prefix
   * @return the response length
   */
  public static int responseLength(ByteBuffer prefix) {
    return FrameLength.response(prefix);
  }

  private static int requestLength(ModbusRequest request) {
    return switch (request) {
      case ReadCoilsRequest r -> BitAccessCodec.FIXED_LENGTH;
      case ReadDiscreteInputsRequest r -> BitAccessCodec.FIXED_LENGTH;
      case ReadHoldingRegistersRequest r -> BitAccessCodec.FIXED_LENGTH;
      case ReadInputRegistersRequest r -> BitAccessCodec.FIXED_LENGTH;
      case WriteSingleCoilRequest r -> BitAccessCodec.FIXED_LENGTH;
      case WriteSingleRegisterRequest r -> BitAccessCodec.FIXED_LENGTH;
      case ReadExceptionStatusRequest r -> 1;
      case DiagnosticsRequest r -> DiagnosticsCodec.length(r);
      case GetCommEventCounterRequest r -> 1;
      case GetCommEventLogRequest r -> 1;
      case WriteMultipleCoilsRequest r -> BitAccessCodec.length(r);
      case WriteMultipleRegistersRequest r -> RegisterAccessCodec.length(r);
      case ReportServerIdRequest r -> 1;
      case ReadFileRecordRequest r -> FileRecordCodec.length(r);
      case WriteFileRecordRequest r -> FileRecordCodec.length(r);
      case MaskWriteRegisterRequest r -> RegisterAccessCodec.MASK_WRITE_LENGTH;
      case ReadWriteMultipleRegistersRequest r -> RegisterAccessCodec.length(r);
      case ReadFifoQueueRequest r -> RegisterAccessCodec.FIFO_REQUEST_LENGTH;
      case ReadDeviceIdentificationRequest r -> EncapsulatedInterfaceCodec.DEVICE_ID_REQUEST_LENGTH;
      case EncapsulatedInterfaceRequest r -> EncapsulatedInterfaceCodec.length(r);
      case UserDefinedRequest r -> OpaqueCodec.length(r);
    };
  }

  private static int responseLength(ModbusResponse response) {
    return switch (response) {
      case ReadCoilsResponse r -> BitAccessCodec.length(r);
      case ReadDiscreteInputsResponse r -> BitAccessCodec.length(r);
      case ReadHoldingRegistersResponse r -> RegisterAccessCodec.registerResponseLength(r.quantity());
      case ReadInputRegistersResponse r -> RegisterAccessCodec.registerResponseLength(r.quantity());
      case WriteSingleCoilResponse r -> BitAccessCodec.FIXED_LENGTH;
      case WriteSingleRegisterResponse r -> BitAccessCodec.FIXED_LENGTH;
      case ReadExceptionStatusResponse r -> 2;
      case DiagnosticsResponse r -> DiagnosticsCodec.length(r);
      case GetCommEventCounterResponse r -> 5;
      case GetCommEventLogResponse r -> DiagnosticsCodec.length(r);
      case WriteMultipleCoilsResponse r -> BitAccessCodec.FIXED_LENGTH;
      case WriteMultipleRegistersResponse r -> BitAccessCodec.FIXED_LENGTH;
      case ReportServerIdResponse r -> DiagnosticsCodec.length(r);
      case ReadFileRecordResponse r -> FileRecordCodec.length(r);
      case WriteFileRecordResponse r -> FileRecordCodec.length(r);
      case MaskWriteRegisterResponse r -> RegisterAccessCodec.MASK_WRITE_LENGTH;
      case ReadWriteMultipleRegistersResponse r -> RegisterAccessCodec.registerResponseLength(r.quantity());
      case ReadFifoQueueResponse r -> RegisterAccessCodec.length(r);
      case ReadDeviceIdentificationResponse r -> EncapsulatedInterfaceCodec.length(r);
      case EncapsulatedInterfaceResponse r -> EncapsulatedInterfaceCodec.length(r);
      case UserDefinedResponse r -> OpaqueCodec.length(r);
      case ExceptionResponse r -> OpaqueCodec.EXCEPTION_LENGTH;
    };
  }

  private static void encodeRequest(ModbusRequest request, ByteBuffer out) {
    switch (request) {
      case ReadCoilsRequest r -> BitAccessCodec.encode(r, out);
      case ReadDiscreteInputsRequest r -> BitAccessCodec.encode(r, out);
      case ReadHoldingRegistersRequest r -> RegisterAccessCodec.encode(r, out);
      case ReadInputRegistersRequest r -> RegisterAccessCodec.encode(r, out);
      case WriteSingleCoilRequest r -> BitAccessCodec.encode(r, out);
      case WriteSingleRegisterRequest r -> RegisterAccessCodec.encode(r, out);
      case ReadExceptionStatusRequest r -> DiagnosticsCodec.encodeEmpty(r.functionCode(), out);
      case DiagnosticsRequest r -> DiagnosticsCodec.encode(r, out);
      case GetCommEventCounterRequest r -> DiagnosticsCodec.encodeEmpty(r.functionCode(), out);
      case GetCommEventLogRequest r -> DiagnosticsCodec.encodeEmpty(r.functionCode(), out);
      case WriteMultipleCoilsRequest r -> BitAccessCodec.encode(r, out);
      case WriteMultipleRegistersRequest r ->
          RegisterAccessCodec.encodeWriteMultiple(r.address(), r.sharedValues(), out);
      case ReportServerIdRequest r -> DiagnosticsCodec.encodeEmpty(r.functionCode(), out);
      case ReadFileRecordRequest r -> FileRecordCodec.encode(r, out);
      case WriteFileRecordRequest r -> FileRecordCodec.encode(r, out);
      case MaskWriteRegisterRequest r -> RegisterAccessCodec.encode(r, out);
      case ReadWriteMultipleRegistersRequest r -> RegisterAccessCodec.encode(r, r.sharedWriteValues(), out);
      case ReadFifoQueueRequest r -> RegisterAccessCodec.encode(r, out);
      case ReadDeviceIdentificationRequest r -> EncapsulatedInterfaceCodec.encode(r, out);
      case EncapsulatedInterfaceRequest r -> EncapsulatedInterfaceCodec.encode(r, out);
      case UserDefinedRequest r -> OpaqueCodec.encode(r, out);
    }
  }

  // Records with arrays hand their own array to the codec (sharedXxx, package-private): no copy, bulk writes.
  private static void encodeResponse(ModbusResponse response, ByteBuffer out) {
    switch (response) {
      case ReadCoilsResponse r -> BitAccessCodec.encodeStatus(0x01, r.sharedCoilStatus(), out);
      case ReadDiscreteInputsResponse r -> BitAccessCodec.encodeStatus(0x02, r.sharedInputStatus(), out);
      case ReadHoldingRegistersResponse r -> RegisterAccessCodec.encodeRegisterResponse(0x03, r.sharedValues(), out);
      case ReadInputRegistersResponse r -> RegisterAccessCodec.encodeRegisterResponse(0x04, r.sharedValues(), out);
      case WriteSingleCoilResponse r -> BitAccessCodec.encode(r, out);
      case WriteSingleRegisterResponse r -> RegisterAccessCodec.encode(r, out);
      case ReadExceptionStatusResponse r -> DiagnosticsCodec.encode(r, out);
      case DiagnosticsResponse r -> DiagnosticsCodec.encode(r, out);
      case GetCommEventCounterResponse r -> DiagnosticsCodec.encode(r, out);
      case GetCommEventLogResponse r -> DiagnosticsCodec.encode(r, out);
      case WriteMultipleCoilsResponse r -> BitAccessCodec.encode(r, out);
      case WriteMultipleRegistersResponse r -> RegisterAccessCodec.encode(r, out);
      case ReportServerIdResponse r -> DiagnosticsCodec.encode(r, out);
      case ReadFileRecordResponse r -> FileRecordCodec.encode(r, out);
      case WriteFileRecordResponse r -> FileRecordCodec.encode(r, out);
      case MaskWriteRegisterResponse r -> RegisterAccessCodec.encode(r, out);
      case ReadWriteMultipleRegistersResponse r ->
          RegisterAccessCodec.encodeRegisterResponse(0x17, r.sharedValues(), out);
      case ReadFifoQueueResponse r -> RegisterAccessCodec.encodeFifoResponse(r.sharedValues(), out);
      case ReadDeviceIdentificationResponse r -> EncapsulatedInterfaceCodec.encode(r, out);
      case EncapsulatedInterfaceResponse r -> EncapsulatedInterfaceCodec.encode(r, out);
      case UserDefinedResponse r -> OpaqueCodec.encode(r, out);
      case ExceptionResponse r -> OpaqueCodec.encode(r, out);
    }
  }
}
