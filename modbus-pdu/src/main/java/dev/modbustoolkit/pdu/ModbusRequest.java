package dev.modbustoolkit.pdu;

/** A request PDU, client to server: one record per function code. */
public sealed interface ModbusRequest extends ModbusPdu
    permits ReadCoilsRequest, ReadDiscreteInputsRequest, ReadHoldingRegistersRequest, ReadInputRegistersRequest,
        WriteSingleCoilRequest, WriteSingleRegisterRequest, ReadExceptionStatusRequest, DiagnosticsRequest,
        GetCommEventCounterRequest, GetCommEventLogRequest, WriteMultipleCoilsRequest,
        WriteMultipleRegistersRequest, ReportServerIdRequest, ReadFileRecordRequest, WriteFileRecordRequest,
        MaskWriteRegisterRequest, ReadWriteMultipleRegistersRequest, ReadFifoQueueRequest,
        ReadDeviceIdentificationRequest, EncapsulatedInterfaceRequest, UserDefinedRequest {}
