package dev.modbustoolkit.server.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.io.ModbusTransaction;
import com.ghgande.j2mod.modbus.msg.ReadWriteMultipleRequest;
import com.ghgande.j2mod.modbus.msg.ReadWriteMultipleResponse;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** j2mod 3.3 (an independent Java Modbus master) against the server: every table, writes, FC16 and FC17. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class J2modInteropIT {
  private final TestSupport support = new TestSupport();

  @AfterEach
  void stop() {
    support.close();
  }

  @Test
  void readsWritesMaskWritesAndReadWritesWithJ2mod() throws Exception {
    InteropDevice device = new InteropDevice();
    ModbusTcpServer server = support.start(device.dispatcher(), b -> {});
    ModbusTCPMaster master = new ModbusTCPMaster("127.0.0.1", server.localAddress().getPort(), 5_000, false);
    master.connect();
    try {
      BitVector coils = master.readCoils(1, 0, 16);
      BitVector discrete = master.readInputDiscretes(1, 100, 16);
      for (int i = 0; i < 16; i++) {
        assertThat(coils.getBit(i)).as("coil %d", i).isEqualTo(InteropDevice.coil(i));
        assertThat(discrete.getBit(i)).as("discrete input %d", 100 + i).isEqualTo(InteropDevice.discrete(i));
      }
      Register[] holding = master.readMultipleRegisters(1, 200, 10);
      InputRegister[] input = master.readInputRegisters(1, 300, 10);
      for (int i = 0; i < 10; i++) {
        assertThat(holding[i].getValue()).isEqualTo(InteropDevice.holding(i));
        assertThat(input[i].getValue()).isEqualTo(InteropDevice.input(i));
      }

      assertThat(master.writeCoil(1, 20, true)).isTrue();
      BitVector bits = new BitVector(InteropDevice.COILS_30.length);
      for (int i = 0; i < InteropDevice.COILS_30.length; i++) {
        bits.setBit(i, InteropDevice.COILS_30[i]);
      }
      master.writeMultipleCoils(1, 30, bits);
      assertThat(master.writeSingleRegister(1, 400, new SimpleRegister(0xBEEF))).isEqualTo(0xBEEF);
      Register[] values = new Register[InteropDevice.REGISTERS_410.length];
      for (int i = 0; i < values.length; i++) {
        values[i] = new SimpleRegister(InteropDevice.REGISTERS_410[i]);
      }
      assertThat(master.writeMultipleRegisters(1, 410, values)).isEqualTo(5);
      assertThat(master.maskWriteRegister(1, 420, 0xF2, 0x25)).isTrue();

      ReadWriteMultipleRequest readWrite = new ReadWriteMultipleRequest();
      readWrite.setUnitID(1);
      readWrite.setReadReference(430);
      readWrite.setReadWordCount(5);
      readWrite.setWriteReference(430);
      readWrite.setRegisters(new Register[] {new SimpleRegister(7), new SimpleRegister(8), new SimpleRegister(9)});
      ModbusTransaction tx = master.getTransport().createTransaction();
      tx.setRequest(readWrite);
      tx.execute();
      ReadWriteMultipleResponse answer = (ReadWriteMultipleResponse) tx.getResponse();
      assertThat(answer.getWordCount()).isEqualTo(5);
      for (int i = 0; i < 5; i++) {
        assertThat(answer.getRegisterValue(i)).isEqualTo(new int[] {7, 8, 9, 0, 0}[i]);
      }

      assertThatThrownBy(() -> master.readMultipleRegisters(9, 0, 1))
          .isInstanceOfSatisfying(ModbusSlaveException.class, e -> assertThat(e.getType()).isEqualTo(0x0B));
    } finally {
      master.disconnect();
    }
    device.assertWritesArrived();
  }
}
