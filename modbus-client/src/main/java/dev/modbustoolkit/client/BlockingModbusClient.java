package dev.modbustoolkit.client;

import dev.modbustoolkit.client.internal.ClientLoop;
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
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The calls of a {@link ModbusClient} as blocking methods: each waits for its future and returns the answer, or
 * throws the {@link ModbusClientException} that failed it. Cheap on virtual threads, where waiting parks the virtual
 * thread only. An interrupt while waiting cancels the request (a queued one is then never sent), keeps the
 * interrupt flag set and throws {@link CancellationException}.
 *
 * <p>Why this file is over 400 lines: it mirrors {@link ModbusClient}'s typed calls one for one (each a one-line
 * {@link #await} under its Javadoc), so that the blocking view offers exactly the same calls.
 */
public final class BlockingModbusClient {
  private final ModbusClient client;

  /**
   * A blocking view of {@code client}.
   *
   * @param client the asynchronous client
   */
  public BlockingModbusClient(ModbusClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** {@return the asynchronous client behind this view} */
  public ModbusClient async() {
    return client;
  }

  /**
   * Waits for a future of the client.
   *
   * @param future the future
   * @param <T> its result
   * @return its result
   * @throws ModbusClientException what failed it
   * @throws CancellationException when it was cancelled, or the wait interrupted
   * @throws IllegalStateException when called on the client event loop's thread before the future is done
   */
  public static <T> T await(CompletableFuture<T> future) {
    if (!future.isDone() && ClientLoop.onLoopThread()) {
      throw new IllegalStateException("a blocking call in a callback on the client event loop (a client built with"
          + " eventLoop(true)) would wait for an answer only that thread can read: use the asynchronous client there");
    }
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(false);
      Thread.currentThread().interrupt();
      CancellationException cancelled = new CancellationException("interrupted while waiting for the answer");
      cancelled.initCause(e);
      throw cancelled;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ModbusClientException m) {
        throw m;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * As {@link ModbusClient#send}.
   *
   * @param unitId the unit
   * @param request the request
   * @return the checked normal response
   * @throws ModbusClientException when it failed
   */
  public ModbusResponse send(int unitId, ModbusRequest request) {
    return await(client.send(unitId, request));
  }

  /**
   * As {@link ModbusClient#sendRaw}.
   *
   * @param unitId the unit
   * @param requestPdu the request PDU
   * @return the answer PDU as received, exception responses included
   * @throws ModbusClientException when no answer came
   */
  public byte[] sendRaw(int unitId, byte[] requestPdu) {
    return await(client.sendRaw(unitId, requestPdu));
  }

  /**
   * As {@link ModbusClient#broadcast}.
   *
   * @param request the write to broadcast
   * @throws ModbusClientException when it could not be sent
   */
  public void broadcast(ModbusRequest request) {
    await(client.broadcast(request));
  }

  /**
   * As {@link ModbusClient#broadcastRaw}.
   *
   * @param requestPdu the write's PDU
   * @throws ModbusClientException when it could not be sent
   */
  public void broadcastRaw(byte[] requestPdu) {
    await(client.broadcastRaw(requestPdu));
  }

  /**
   * FC 01 Read Coils.
   *
   * @param unitId the unit
   * @param address the first coil, 0-based
   * @param quantity how many coils, 1..2000
   * @return the coils
   * @throws ModbusClientException when it failed
   */
  public ReadCoilsResponse readCoils(int unitId, int address, int quantity) {
    return await(client.readCoils(unitId, address, quantity));
  }

  /**
   * FC 02 Read Discrete Inputs.
   *
   * @param unitId the unit
   * @param address the first input, 0-based
   * @param quantity how many inputs, 1..2000
   * @return the inputs
   * @throws ModbusClientException when it failed
   */
  public ReadDiscreteInputsResponse readDiscreteInputs(int unitId, int address, int quantity) {
    return await(client.readDiscreteInputs(unitId, address, quantity));
  }

  /**
   * FC 03 Read Holding Registers.
   *
   * @param unitId the unit
   * @param address the first register, 0-based
   * @param quantity how many registers, 1..125
   * @return the registers
   * @throws ModbusClientException when it failed
   */
  public ReadHoldingRegistersResponse readHoldingRegisters(
      int unitId, int address, int quantity) {
    return await(client.readHoldingRegisters(unitId, address, quantity));
  }

  /**
   * FC 04 Read Input Registers.
   *
   * @param unitId the unit
   * @param address the first register, 0-based
   * @param quantity how many registers, 1..125
   * @return the registers
   * @throws ModbusClientException when it failed
   */
  public ReadInputRegistersResponse readInputRegisters(int unitId, int address, int quantity) {
    return await(client.readInputRegisters(unitId, address, quantity));
  }

  /**
   * FC 05 Write Single Coil.
   *
   * @param unitId the unit
   * @param address the coil, 0-based
   * @param value on or off
   * @return the echo
   * @throws ModbusClientException when it failed
   */
  public WriteSingleCoilResponse writeSingleCoil(int unitId, int address, boolean value) {
    return await(client.writeSingleCoil(unitId, address, value));
  }

  /**
   * FC 06 Write Single Register.
   *
   * @param unitId the unit
   * @param address the register, 0-based
   * @param value the value, 0..65535
   * @return the echo
   * @throws ModbusClientException when it failed
   */
  public WriteSingleRegisterResponse writeSingleRegister(int unitId, int address, int value) {
    return await(client.writeSingleRegister(unitId, address, value));
  }

  /**
   * FC 07 Read Exception Status (serial line only in the spec; sent on any link).
   *
   * @param unitId the unit
   * @return the eight exception status outputs
   * @throws ModbusClientException when it failed
   */
  public ReadExceptionStatusResponse readExceptionStatus(int unitId) {
    return await(client.readExceptionStatus(unitId));
  }

  /**
   * FC 08 Diagnostics.
   *
   * @param unitId the unit
   * @param request the sub-function and its data
   * @return the answer
   * @throws ModbusClientException when it failed
   */
  public DiagnosticsResponse diagnostics(int unitId, DiagnosticsRequest request) {
    return await(client.diagnostics(unitId, request));
  }

  /**
   * FC 0B Get Comm Event Counter.
   *
   * @param unitId the unit
   * @return the status and the event count
   * @throws ModbusClientException when it failed
   */
  public GetCommEventCounterResponse getCommEventCounter(int unitId) {
    return await(client.getCommEventCounter(unitId));
  }

  /**
   * FC 0C Get Comm Event Log.
   *
   * @param unitId the unit
   * @return the status, counts and events
   * @throws ModbusClientException when it failed
   */
  public GetCommEventLogResponse getCommEventLog(int unitId) {
    return await(client.getCommEventLog(unitId));
  }

  /**
   * FC 0F Write Multiple Coils.
   *
   * @param unitId the unit
   * @param address the first coil, 0-based
   * @param values the coils, 1..1968
   * @return the address and quantity written
   * @throws ModbusClientException when it failed
   */
  public WriteMultipleCoilsResponse writeMultipleCoils(
      int unitId, int address, boolean... values) {
    return await(client.writeMultipleCoils(unitId, address, values));
  }

  /**
   * FC 10 Write Multiple Registers.
   *
   * @param unitId the unit
   * @param address the first register, 0-based
   * @param values the registers, 1..123, each 0..65535
   * @return the address and quantity written
   * @throws ModbusClientException when it failed
   */
  public WriteMultipleRegistersResponse writeMultipleRegisters(
      int unitId, int address, int... values) {
    return await(client.writeMultipleRegisters(unitId, address, values));
  }

  /**
   * FC 11 Report Server ID.
   *
   * @param unitId the unit
   * @return the device-specific data
   * @throws ModbusClientException when it failed
   */
  public ReportServerIdResponse reportServerId(int unitId) {
    return await(client.reportServerId(unitId));
  }

  /**
   * FC 14 Read File Record.
   *
   * @param unitId the unit
   * @param request the sub-requests
   * @return the records
   * @throws ModbusClientException when it failed
   */
  public ReadFileRecordResponse readFileRecord(int unitId, ReadFileRecordRequest request) {
    return await(client.readFileRecord(unitId, request));
  }

  /**
   * FC 15 Write File Record.
   *
   * @param unitId the unit
   * @param request the records
   * @return the echo
   * @throws ModbusClientException when it failed
   */
  public WriteFileRecordResponse writeFileRecord(int unitId, WriteFileRecordRequest request) {
    return await(client.writeFileRecord(unitId, request));
  }

  /**
   * FC 16 Mask Write Register: the register becomes {@code (current AND andMask) OR (orMask AND NOT andMask)}.
   *
   * @param unitId the unit
   * @param address the register, 0-based
   * @param andMask the AND mask, 0..65535
   * @param orMask the OR mask, 0..65535
   * @return the echo
   * @throws ModbusClientException when it failed
   */
  public MaskWriteRegisterResponse maskWriteRegister(
      int unitId, int address, int andMask, int orMask) {
    return await(client.maskWriteRegister(unitId, address, andMask, orMask));
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
   * @throws ModbusClientException when it failed
   */
  public ReadWriteMultipleRegistersResponse readWriteMultipleRegisters(
      int unitId, int readAddress, int readQuantity, int writeAddress, int... values) {
    return await(client.readWriteMultipleRegisters(unitId, readAddress, readQuantity, writeAddress, values));
  }

  /**
   * FC 18 Read FIFO Queue.
   *
   * @param unitId the unit
   * @param fifoPointerAddress the queue's pointer register
   * @return the queued registers
   * @throws ModbusClientException when it failed
   */
  public ReadFifoQueueResponse readFifoQueue(int unitId, int fifoPointerAddress) {
    return await(client.readFifoQueue(unitId, fifoPointerAddress));
  }

  /**
   * FC 2B / MEI 0E Read Device Identification: one answer; when it says "more follows", ask again
   * from its next object id.
   *
   * @param unitId the unit
   * @param code basic, regular, extended or one specific object
   * @param objectId the first object wanted
   * @return the objects of this answer
   * @throws ModbusClientException when it failed
   */
  public ReadDeviceIdentificationResponse readDeviceIdentification(
      int unitId, ReadDeviceIdCode code, int objectId) {
    return await(client.readDeviceIdentification(unitId, code, objectId));
  }

  /**
   * FC 2B with another MEI type (0x0D CANopen general reference, or a vendor's).
   *
   * @param unitId the unit
   * @param request the MEI type and data
   * @return the answer
   * @throws ModbusClientException when it failed
   */
  public EncapsulatedInterfaceResponse encapsulatedInterface(
      int unitId, EncapsulatedInterfaceRequest request) {
    return await(client.encapsulatedInterface(unitId, request));
  }

  /**
   * A user-defined function code (65-72, 100-110).
   *
   * @param unitId the unit
   * @param request the function code and data
   * @return the answer
   * @throws ModbusClientException when it failed
   */
  public UserDefinedResponse userDefined(int unitId, UserDefinedRequest request) {
    return await(client.userDefined(unitId, request));
  }

}
