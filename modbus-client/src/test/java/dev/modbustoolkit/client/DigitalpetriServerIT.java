package dev.modbustoolkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.exceptions.UnknownUnitIdException;
import com.digitalpetri.modbus.pdu.MaskWriteRegisterRequest;
import com.digitalpetri.modbus.pdu.MaskWriteRegisterResponse;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadCoilsResponse;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsRequest;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsResponse;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersResponse;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersResponse;
import com.digitalpetri.modbus.pdu.ReadWriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadWriteMultipleRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteMultipleCoilsRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleCoilsResponse;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersResponse;
import com.digitalpetri.modbus.pdu.WriteSingleCoilRequest;
import com.digitalpetri.modbus.pdu.WriteSingleCoilResponse;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterResponse;
import com.digitalpetri.modbus.server.ModbusRequestContext;
import com.digitalpetri.modbus.server.ModbusServices;
import com.digitalpetri.modbus.server.ModbusTcpServer;
import com.digitalpetri.modbus.server.ProcessImage;
import com.digitalpetri.modbus.server.ReadWriteModbusServices;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client against digitalpetri modbus 2.1's Netty TCP server (test scope, from Maven Central) over its
 * process-image services: the table function codes with their values and exceptions, a slow answer that times out
 * and arrives late (dropped, counted), and reconnect after the server is stopped and started again on the same port.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DigitalpetriServerIT {
  private static final long SLOW_MILLIS = 1500;

  private @Nullable ModbusTcpServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  /**
   * digitalpetri's read-write services over one process image for unit 1. A process image is a sparse map with no
   * bounds, so the reads of coils and holding registers check the shared 100-entry map here (exception 02 beyond
   * it, thrown as digitalpetri's own {@link ModbusResponseException}), and holding register 99 answers slowly.
   */
  static ModbusServices services() {
    ProcessImage image = new ProcessImage();
    image.with(tx -> {
      tx.writeCoils(m -> {
        for (int i = 0; i < PeerChecks.SIZE; i++) {
          m.put(i, PeerChecks.coil(i));
        }
      });
      tx.writeDiscreteInputs(m -> {
        for (int i = 0; i < PeerChecks.SIZE; i++) {
          m.put(i, PeerChecks.discrete(i));
        }
      });
      tx.writeHoldingRegisters(m -> {
        for (int i = 0; i < PeerChecks.SIZE; i++) {
          m.put(i, word(PeerChecks.holding(i)));
        }
      });
      tx.writeInputRegisters(m -> {
        for (int i = 0; i < PeerChecks.SIZE; i++) {
          m.put(i, word(PeerChecks.input(i)));
        }
      });
    });
    ReadWriteModbusServices plain = new ReadWriteModbusServices() {
      @Override
      protected Optional<ProcessImage> getProcessImage(int unitId) {
        return unitId == 1 ? Optional.of(image) : Optional.empty();
      }
    };
    return new BoundedServices(plain);
  }

  /** The process-image services with the map's bounds and the slow register. */
  private record BoundedServices(ReadWriteModbusServices plain) implements ModbusServices {
    private static void checkRange(int address, int quantity, int functionCode) throws ModbusResponseException {
      if (address + quantity > PeerChecks.SIZE) {
        throw new ModbusResponseException(functionCode, 0x02);
      }
    }

    @Override
    public ReadCoilsResponse readCoils(ModbusRequestContext context, int unitId, ReadCoilsRequest request)
        throws ModbusResponseException, UnknownUnitIdException {
      checkRange(request.address(), request.quantity(), 0x01);
      return plain.readCoils(context, unitId, request);
    }

    @Override
    public ReadDiscreteInputsResponse readDiscreteInputs(
        ModbusRequestContext context, int unitId, ReadDiscreteInputsRequest request) throws UnknownUnitIdException {
      return plain.readDiscreteInputs(context, unitId, request);
    }

    @Override
    public ReadHoldingRegistersResponse readHoldingRegisters(
        ModbusRequestContext context, int unitId, ReadHoldingRegistersRequest request)
        throws ModbusResponseException, UnknownUnitIdException {
      checkRange(request.address(), request.quantity(), 0x03);
      if (request.address() == PeerChecks.SIZE - 1) {
        try {
          Thread.sleep(SLOW_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return plain.readHoldingRegisters(context, unitId, request);
    }

    @Override
    public ReadInputRegistersResponse readInputRegisters(
        ModbusRequestContext context, int unitId, ReadInputRegistersRequest request) throws UnknownUnitIdException {
      return plain.readInputRegisters(context, unitId, request);
    }

    @Override
    public WriteSingleCoilResponse writeSingleCoil(
        ModbusRequestContext context, int unitId, WriteSingleCoilRequest request) throws UnknownUnitIdException {
      return plain.writeSingleCoil(context, unitId, request);
    }

    @Override
    public WriteSingleRegisterResponse writeSingleRegister(
        ModbusRequestContext context, int unitId, WriteSingleRegisterRequest request) throws UnknownUnitIdException {
      return plain.writeSingleRegister(context, unitId, request);
    }

    @Override
    public WriteMultipleCoilsResponse writeMultipleCoils(
        ModbusRequestContext context, int unitId, WriteMultipleCoilsRequest request) throws UnknownUnitIdException {
      return plain.writeMultipleCoils(context, unitId, request);
    }

    @Override
    public WriteMultipleRegistersResponse writeMultipleRegisters(
        ModbusRequestContext context, int unitId, WriteMultipleRegistersRequest request)
        throws UnknownUnitIdException {
      return plain.writeMultipleRegisters(context, unitId, request);
    }

    @Override
    public MaskWriteRegisterResponse maskWriteRegister(
        ModbusRequestContext context, int unitId, MaskWriteRegisterRequest request) throws UnknownUnitIdException {
      return plain.maskWriteRegister(context, unitId, request);
    }

    @Override
    public ReadWriteMultipleRegistersResponse readWriteMultipleRegisters(
        ModbusRequestContext context, int unitId, ReadWriteMultipleRegistersRequest request)
        throws UnknownUnitIdException {
      return plain.readWriteMultipleRegisters(context, unitId, request);
    }
  }

  static byte[] word(int value) {
    return new byte[] {(byte) (value >> 8), (byte) value};
  }

  private void start(int port) throws Exception {
    NettyTcpServerTransport transport = NettyTcpServerTransport.create(cfg -> {
      cfg.setBindAddress("127.0.0.1");
      cfg.setPort(port);
    });
    server = ModbusTcpServer.create(transport, services());
    server.start();
    PeerChecks.awaitListening(port);
  }

  @Test
  void tablesExceptionsLateAnswerAndReconnect() throws Exception {
    int port = PeerChecks.freePort();
    start(port);
    PeerChecks checks = new PeerChecks("digitalpetri TCP server");
    try (ModbusClient client = PeerChecks.tcp(port, Duration.ofMillis(500)).build()) {
      BlockingModbusClient c = client.blocking();
      J2modServerIT.awaitFirstAnswer(c);
      checks.tables(c);

      long late = client.metrics().lateAnswers();
      assertThatThrownBy(() -> c.readHoldingRegisters(1, PeerChecks.SIZE - 1, 1))
          .isInstanceOf(ModbusTimeoutException.class);
      awaitLateAnswers(client, late + 1);
      assertThat(PeerChecks.unsigned(c.readHoldingRegisters(1, 7, 1).values()))
          .containsExactly(PeerChecks.holding(7));
      checks.ran("timeout, late answer dropped");

      checks.reconnect(client, new PeerChecks.Restartable() {
        @Override
        public void stop() throws Exception {
          server.stop();
          server = null;
        }

        @Override
        public void start() throws Exception {
          DigitalpetriServerIT.this.start(port);
        }
      });
    }
    assertThat(checks.report()).isEqualTo(12 + 2);
  }

  /** Waits (up to 10 s) until the client has dropped {@code count} late answers in all. */
  static void awaitLateAnswers(ModbusClient client, long count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (client.metrics().lateAnswers() < count) {
      assertThat(System.nanoTime()).as("late answers dropped within 10 s: %s", client.metrics()).isLessThan(deadline);
      Thread.sleep(20);
    }
    assertThat(client.metrics().lateAnswers()).isEqualTo(count);
  }
}
