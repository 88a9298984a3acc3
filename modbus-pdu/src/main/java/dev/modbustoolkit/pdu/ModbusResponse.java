package dev.modbustoolkit.pdu;

/** A response PDU, server to client: one record per function code, or an {@link ExceptionResponse}. */
public sealed interface ModbusResponse extends ModbusPdu
    permits ReadCoilsResponse, ReadDiscreteInputsResponse, ReadHoldingRegistersResponse, ReadInputRegistersResponse,
        WriteSingleCoilResponse, WriteSingleRegisterResponse, ReadExceptionStatusResponse, DiagnosticsResponse,
        GetCommEventCounterResponse, GetCommEventLogResponse, WriteMultipleCoilsResponse,
        WriteMultipleRegistersResponse, ReportServerIdResponse, ReadFileRecordResponse, WriteFileRecordResponse,
        MaskWriteRegisterResponse, ReadWriteMultipleRegistersResponse, ReadFifoQueueResponse,
        ReadDeviceIdentificationResponse, EncapsulatedInterfaceResponse, UserDefinedResponse, ExceptionResponse {}
