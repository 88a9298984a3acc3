package dev.modbustoolkit.client;

import dev.modbustoolkit.pdu.DiagnosticsRequest;
import dev.modbustoolkit.pdu.DiagnosticsResponse;
import dev.modbustoolkit.pdu.EncapsulatedInterfaceRequest;
import dev.modbustoolkit.pdu.EncapsulatedInterfaceResponse;
import dev.modbustoolkit.pdu.GetCommEventCounterRequest;
import dev.modbustoolkit.pdu.GetCommEventCounterResponse;
import dev.modbustoolkit.pdu.GetCommEventLogRequest;
import dev.modbustoolkit.pdu.GetCommEventLogResponse;
import dev.modbustoolkit.pdu.MaskWriteRegisterRequest;
import dev.modbustoolkit.pdu.MaskWriteRegisterResponse;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.ReadCoilsRequest;
import dev.modbustoolkit.pdu.ReadCoilsResponse;
import dev.modbustoolkit.pdu.ReadDeviceIdCode;
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
import dev.modbustoolkit.pdu.UserDefinedRequest;
import dev.modbustoolkit.pdu.UserDefinedResponse;
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
import java.util.concurrent.CompletableFuture;

/**
 * A Modbus master over one link: Modbus TCP, RTU or ASCII over TCP ({@link #tcp}, {@link #rtuOverTcp}, {@link
 * #asciiOverTcp}), UDP ({@link #udp}), or a serial line, RTU or ASCII ({@link #serial}). Every call is asynchronous and returns at once; {@link
 * #blocking()} gives the same calls as plain methods, cheap on virtual threads.
 *
 * <p><b>What a future completes with.</b> A typed call completes with the device's normal response, checked
 * against the request (function code, and the quantity or echoed fields): an exception response fails it with
 * {@link ModbusExceptionResponseException}, no answer in time with {@link ModbusTimeoutException}, a lost or closed
 * link with {@link ModbusConnectionException}, an answer that is not an answer to it with {@link
 * ModbusProtocolException}. {@link #sendRaw} completes with the answer PDU as received, exception responses
 * included, for gateways and function codes the toolkit does not know.
 *
 * <p><b>Deadline.</b> Each attempt has the client's timeout, counted from the call: waiting in the queue, the write
 * and the answer. Cancelling a future whose request is still queued means it is never sent. Retries follow the
 * {@link RetryPolicy}.
 *
 * <p>Why this file is over 400 lines: it holds one typed default method per public function code (each a line of
 * code under its Javadoc), so that a user finds every call on the one type they hold; the logic is in the engine.
 *
 * <p><b>Threads.</b> Futures complete on the client's reader thread (or its timer thread for timeouts): dependent
 * stages that block or take long should use the {@code *Async} variants of {@link CompletableFuture}. Thread-safe.
 */
public interface ModbusClient extends AutoCloseable {

  /**
   * {@return a builder for a Modbus TCP client (MBAP framing, transaction ids, pipelining)}
   *
   * @param host the server's host name or address
   * @param port the server's TCP port, 1..65535
   */
  static TcpClientBuilder tcp(String host, int port) {
    return new TcpClientBuilder(host, port, ClientFramingKind.MBAP);
  }

  /**
   * {@return a builder for RTU frames over TCP (a serial gateway or device server in transparent mode): one request
   * at a time, answers matched by unit and function code}
   *
   * @param host the server's host name or address
   * @param port the server's TCP port, 1..65535
   */
  static TcpClientBuilder rtuOverTcp(String host, int port) {
    return new TcpClientBuilder(host, port, ClientFramingKind.RTU);
  }

  /**
   * {@return a builder for ASCII frames over TCP; see {@link #rtuOverTcp}}
   *
   * @param host the server's host name or address
   * @param port the server's TCP port, 1..65535
   */
  static TcpClientBuilder asciiOverTcp(String host, int port) {
    return new TcpClientBuilder(host, port, ClientFramingKind.ASCII);
  }

  /**
   * {@return a builder for Modbus over UDP: MBAP frames in datagrams}
   *
   * @param host the server's host name or address
   * @param port the server's UDP port, 1..65535
   */
  static UdpClientBuilder udp(String host, int port) {
    return new UdpClientBuilder(host, port);
  }

  /**
   * {@return a builder for the master of a serial line: RTU (default) or ASCII over jSerialComm, one request at a
   * time, answers matched by unit and function code; see {@link SerialClientBuilder}}
   *
   * @param portName the device: {@code /dev/ttyUSB0}, a symlink such as {@code /dev/serial/by-id/...}, a pty, or
   *     {@code COM3}
   */
  static SerialClientBuilder serial(String portName) {
    return new SerialClientBuilder(portName);
  }

  /**
   * Sends a request and completes with the device's checked normal response.
   *
   * @param unitId the unit (0..255; 0 only on Modbus TCP and UDP, where it is a unit like any other: on a bus use
   *     {@link #broadcast})
   * @param request the request
   * @return the response; see the class comment for how it fails
   * @throws IllegalArgumentException when the unit id is out of range, or 0 on a bus link
   */
  CompletableFuture<ModbusResponse> send(int unitId, ModbusRequest request);

  /**
   * Sends a request PDU as given and completes with the answer PDU as received, normal or exception (only its
   * function code is checked: the request's, or the request's + 0x80). For gateways and user-defined function codes.
   *
   * @param unitId the unit, as for {@link #send}
   * @param requestPdu the request PDU: function code and data, 1..253 bytes (copied)
   * @return the answer PDU
   * @throws IllegalArgumentException when the unit id or the PDU length is out of range
   */
  CompletableFuture<byte[]> sendRaw(int unitId, byte[] requestPdu);

  /**
   * Sends a request to unit 0, the broadcast address, and waits for no answer. On a serial line or RTU/ASCII over
   * TCP the next request then waits the turnaround delay (Serial Line V1.02 §2.4.1), so that the devices have
   * executed it.
   *
   * @param request the request; a write (the spec allows broadcasts of writes only)
   * @return completes when the request has been written
   * @throws IllegalArgumentException when the request is not a write
   */
  CompletableFuture<Void> broadcast(ModbusRequest request);

  /**
   * {@link #broadcast} for a request PDU as given (a gateway forwarding a broadcast).
   *
   * @param requestPdu the request PDU, 1..253 bytes (copied)
   * @return completes when the request has been written
   * @throws IllegalArgumentException when the PDU is a read or its length is out of range
   */
  CompletableFuture<Void> broadcastRaw(byte[] requestPdu);

  /**
   * {@return the client's counters}
   */
  ClientMetrics metrics();

  /** {@return where the link is} */
  ConnectionState state();

  /**
   * {@return completes when the link is open (at once when it is)} A lazy client opens it now.
   */
  CompletableFuture<Void> connect();

  /** {@return the same calls as blocking methods} */
  default BlockingModbusClient blocking() {
    return new BlockingModbusClient(this);
  }

  /**
   * Closes the link for good: queued and in-flight requests fail with {@link ModbusConnectionException}.
   */
  @Override
  void close();

  // ---- typed calls, one per public function code ----

  /**
   * FC 01 Read Coils.
   *
   * @param unitId the unit
   * @param address the first coil, 0-based
   * @param quantity how many coils, 1..2000
   * @return the coils
   */
  default CompletableFuture<ReadCoilsResponse> readCoils(int unitId, int address, int quantity) {
    return Typed.as(send(unitId, new ReadCoilsRequest(address, quantity)), ReadCoilsResponse.class);
  }

  /**
   * FC 02 Read Discrete Inputs.
   *
   * @param unitId the unit
   * @param address the first input, 0-based
   * @param quantity how many inputs, 1..2000
   * @return the inputs
   */
  default CompletableFuture<ReadDiscreteInputsResponse> readDiscreteInputs(int unitId, int address, int quantity) {
    return Typed.as(send(unitId, new ReadDiscreteInputsRequest(address, quantity)), ReadDiscreteInputsResponse.class);
  }

  /**
   * FC 03 Read Holding Registers.
   *
   * @param unitId the unit
   * @param address the first register, 0-based
   * @param quantity how many registers, 1..125
   * @return the registers
   */
  default CompletableFuture<ReadHoldingRegistersResponse> readHoldingRegisters(
      int unitId, int address, int quantity) {
    return Typed.as(
        send(unitId, new ReadHoldingRegistersRequest(address, quantity)), ReadHoldingRegistersResponse.class);
  }

  /**
   * FC 04 Read Input Registers.
   *
   * @param unitId the unit
   * @param address the first register, 0-based
   * @param quantity how many registers, 1..125
   * @return the registers
   */
  default CompletableFuture<ReadInputRegistersResponse> readInputRegisters(int unitId, int address, int quantity) {
    return Typed.as(send(unitId, new ReadInputRegistersRequest(address, quantity)), ReadInputRegistersResponse.class);
  }

  /**
   * FC 05 Write Single Coil.
   *
   * @param unitId the unit
   * @param address the coil, 0-based
   * @param value on or off
   * @return the echo
   */
  default CompletableFuture<WriteSingleCoilResponse> writeSingleCoil(int unitId, int address, boolean value) {
    return Typed.as(send(unitId, new WriteSingleCoilRequest(address, value)), WriteSingleCoilResponse.class);
  }

  /**
   * FC 06 Write Single Register.
   *
   * @param unitId the unit
   * @param address the register, 0-based
   * @param value the value, 0..65535
   * @return the echo
   */
  default CompletableFuture<WriteSingleRegisterResponse> writeSingleRegister(int unitId, int address, int value) {
    return Typed.as(send(unitId, new WriteSingleRegisterRequest(address, value)), WriteSingleRegisterResponse.class);
  }

  /**
   * FC 07 Read Exception Status (serial line only in the spec; sent on any link).
   *
   * @param unitId the unit
   * @return the eight exception status outputs
   */
  default CompletableFuture<ReadExceptionStatusResponse> readExceptionStatus(int unitId) {
    return Typed.as(send(unitId, new ReadExceptionStatusRequest()), ReadExceptionStatusResponse.class);
  }

  /**
   * FC 08 Diagnostics.
   *
   * @param unitId the unit
   * @param request the sub-function and its data
   * @return the answer
   */
  default CompletableFuture<DiagnosticsResponse> diagnostics(int unitId, DiagnosticsRequest request) {
    return Typed.as(send(unitId, request), DiagnosticsResponse.class);
  }

  /**
   * FC 0B Get Comm Event Counter.
   *
   * @param unitId the unit
   * @return the status and the event count
   */
  default CompletableFuture<GetCommEventCounterResponse> getCommEventCounter(int unitId) {
    return Typed.as(send(unitId, new GetCommEventCounterRequest()), GetCommEventCounterResponse.class);
  }

  /**
   * FC 0C Get Comm Event Log.
   *
   * @param unitId the unit
   * @return the status, counts and events
   */
  default CompletableFuture<GetCommEventLogResponse> getCommEventLog(int unitId) {
    return Typed.as(send(unitId, new GetCommEventLogRequest()), GetCommEventLogResponse.class);
  }

  /**
   * FC 0F Write Multiple Coils.
   *
   * @param unitId the unit
   * @param address the first coil, 0-based
   * @param values the coils, 1..1968
   * @return the address and quantity written
   */
  default CompletableFuture<WriteMultipleCoilsResponse> writeMultipleCoils(
      int unitId, int address, boolean... values) {
    return Typed.as(send(unitId, new WriteMultipleCoilsRequest(address, values)), WriteMultipleCoilsResponse.class);
  }

  /**
   * FC 10 Write Multiple Registers.
   *
   * @param unitId the unit
   * @param address the first register, 0-based
   * @param values the registers, 1..123, each 0..65535
   * @return the address and quantity written
   */
  default CompletableFuture<WriteMultipleRegistersResponse> writeMultipleRegisters(
      int unitId, int address, int... values) {
    return Typed.as(
        send(unitId, WriteMultipleRegistersRequest.of(address, values)), WriteMultipleRegistersResponse.class);
  }

  /**
   * FC 11 Report Server ID.
   *
   * @param unitId the unit
   * @return the device-specific data
   */
  default CompletableFuture<ReportServerIdResponse> reportServerId(int unitId) {
    return Typed.as(send(unitId, new ReportServerIdRequest()), ReportServerIdResponse.class);
  }

  /**
   * FC 14 Read File Record.
   *
   * @param unitId the unit
   * @param request the sub-requests
   * @return the records
   */
  default CompletableFuture<ReadFileRecordResponse> readFileRecord(int unitId, ReadFileRecordRequest request) {
    return Typed.as(send(unitId, request), ReadFileRecordResponse.class);
  }

  /**
   * FC 15 Write File Record.
   *
   * @param unitId the unit
   * @param request the records
   * @return the echo
   */
  default CompletableFuture<WriteFileRecordResponse> writeFileRecord(int unitId, WriteFileRecordRequest request) {
    return Typed.as(send(unitId, request), WriteFileRecordResponse.class);
  }

  /**
   * FC 16 Mask Write Register: the register becomes {@code (current AND andMask) OR (orMask AND NOT andMask)}.
   *
   * @param unitId the unit
   * @param address the register, 0-based
   * @param andMask the AND mask, 0..65535
   * @param orMask the OR mask, 0..65535
   * @return the echo
   */
  default CompletableFuture<MaskWriteRegisterResponse> maskWriteRegister(
      int unitId, int address, int andMask, int orMask) {
    return Typed.as(
        send(unitId, new MaskWriteRegisterRequest(address, andMask, orMask)), MaskWriteRegisterResponse.class);
  }

  /**
   * FC 17 Read/Write Multiple Registers: the write happens before the read.
   *
   * @param unitId the unit
   * @param readAddress the first register to read
   * @param readQuantity how many to read, 1..125
   * @param writeAddress the first register to write
   * @param values the registers to write, 1..121, each 0..65535
   * @return the registers read
   */
  default CompletableFuture<ReadWriteMultipleRegistersResponse> readWriteMultipleRegisters(
      int unitId, int readAddress, int readQuantity, int writeAddress, int... values) {
    return Typed.as(
        send(unitId, ReadWriteMultipleRegistersRequest.of(readAddress, readQuantity, writeAddress, values)),
        ReadWriteMultipleRegistersResponse.class);
  }

  /**
   * FC 18 Read FIFO Queue.
   *
   * @param unitId the unit
   * @param fifoPointerAddress the queue's pointer register
   * @return the queued registers
   */
  default CompletableFuture<ReadFifoQueueResponse> readFifoQueue(int unitId, int fifoPointerAddress) {
    return Typed.as(send(unitId, new ReadFifoQueueRequest(fifoPointerAddress)), ReadFifoQueueResponse.class);
  }

  /**
   * FC 2B / MEI 0E Read Device Identification: one answer; when it says "more follows", ask again
   * from its next object id.
   *
   * @param unitId the unit
   * @param code basic, regular, extended or one specific object
   * @param objectId the first object wanted
   * @return the objects of this answer
   */
  default CompletableFuture<ReadDeviceIdentificationResponse> readDeviceIdentification(
      int unitId, ReadDeviceIdCode code, int objectId) {
    return Typed.as(
        send(unitId, new ReadDeviceIdentificationRequest(code, objectId)), ReadDeviceIdentificationResponse.class);
  }

  /**
   * FC 2B with another MEI type (0x0D CANopen general reference, or a vendor's).
   *
   * @param unitId the unit
   * @param request the MEI type and data
   * @return the answer
   */
  default CompletableFuture<EncapsulatedInterfaceResponse> encapsulatedInterface(
      int unitId, EncapsulatedInterfaceRequest request) {
    return Typed.as(send(unitId, request), EncapsulatedInterfaceResponse.class);
  }

  /**
   * A user-defined function code (65-72, 100-110).
   *
   * @param unitId the unit
   * @param request the function code and data
   * @return the answer
   */
  default CompletableFuture<UserDefinedResponse> userDefined(int unitId, UserDefinedRequest request) {
    return Typed.as(send(unitId, request), UserDefinedResponse.class);
  }
}
