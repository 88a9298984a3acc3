package dev.modbustoolkit.server.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.exceptions.ModbusResponseException;
import com.digitalpetri.modbus.pdu.MaskWriteRegisterRequest;
import com.digitalpetri.modbus.pdu.ReadCoilsRequest;
import com.digitalpetri.modbus.pdu.ReadDiscreteInputsRequest;
import com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadInputRegistersRequest;
import com.digitalpetri.modbus.pdu.ReadWriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleCoilsRequest;
import com.digitalpetri.modbus.pdu.WriteMultipleRegistersRequest;
import com.digitalpetri.modbus.pdu.WriteSingleCoilRequest;
import com.digitalpetri.modbus.pdu.WriteSingleRegisterRequest;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** digitalpetri modbus 2.1 (Netty-based client) against the server: every table, writes, FC16 and FC17. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DigitalpetriInteropIT {
  private final TestSupport support = new TestSupport();

  @AfterEach
  void stop() {
    support.close();
  }

  @Test
  void readsWritesMaskWritesAndReadWritesWithDigitalpetri() throws Exception {
    InteropDevice device = new InteropDevice();
    ModbusTcpServer server = support.start(device.dispatcher(), b -> {});
    int port = server.localAddress().getPort();
    NettyTcpClientTransport transport = NettyTcpClientTransport.create(cfg -> {
      cfg.setHostname("127.0.0.1");
      cfg.setPort(port);
    });
    ModbusTcpClient client = ModbusTcpClient.create(transport);
    client.connect();
    try {
      byte[] coils = client.readCoils(1, new ReadCoilsRequest(0, 16)).coils();
      byte[] discrete = client.readDiscreteInputs(1, new ReadDiscreteInputsRequest(100, 16)).inputs();
      for (int i = 0; i < 16; i++) {
        assertThat(InteropDevice.bit(coils, i)).as("coil %d", i).isEqualTo(InteropDevice.coil(i));
        assertThat(InteropDevice.bit(discrete, i)).as("discrete input %d", i).isEqualTo(InteropDevice.discrete(i));
      }
      byte[] holding = client.readHoldingRegisters(1, new ReadHoldingRegistersRequest(200, 10)).registers();
      byte[] input = client.readInputRegisters(1, new ReadInputRegistersRequest(300, 10)).registers();
      for (int i = 0; i < 10; i++) {
        assertThat(InteropDevice.word(holding, i)).isEqualTo(InteropDevice.holding(i));
        assertThat(InteropDevice.word(input, i)).isEqualTo(InteropDevice.input(i));
      }

      client.writeSingleCoil(1, new WriteSingleCoilRequest(20, true));
      client.writeMultipleCoils(1, new WriteMultipleCoilsRequest(30, InteropDevice.COILS_30.length,
          InteropDevice.pack(InteropDevice.COILS_30)));
      assertThat(client.writeSingleRegister(1, new WriteSingleRegisterRequest(400, 0xBEEF)).value())
          .isEqualTo(0xBEEF);
      assertThat(client.writeMultipleRegisters(1, new WriteMultipleRegistersRequest(410, 5,
          InteropDevice.words(InteropDevice.REGISTERS_410))).quantity()).isEqualTo(5);
      client.maskWriteRegister(1, new MaskWriteRegisterRequest(420, 0xF2, 0x25));
      byte[] readBack = client.readWriteMultipleRegisters(1,
          new ReadWriteMultipleRegistersRequest(430, 5, 430, 3, InteropDevice.words(7, 8, 9))).registers();
      assertThat(readBack).containsExactly(InteropDevice.words(7, 8, 9, 0, 0));

      assertThatThrownBy(() -> client.readHoldingRegisters(9, new ReadHoldingRegistersRequest(0, 1)))
          .isInstanceOfSatisfying(ModbusResponseException.class,
              e -> assertThat(e.getExceptionCode()).isEqualTo(0x0B));
    } finally {
      client.disconnect();
    }
    device.assertWritesArrived();
  }
}
