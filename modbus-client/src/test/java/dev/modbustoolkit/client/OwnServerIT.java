package dev.modbustoolkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.pdu.DiagnosticSubFunction;
import dev.modbustoolkit.pdu.DiagnosticsRequest;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ReadHoldingRegistersResponse;
import dev.modbustoolkit.registers.BitTable;
import dev.modbustoolkit.registers.RegisterTable;
import dev.modbustoolkit.registers.RegisterValues;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.WordOrder;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.tcp.IoMode;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import dev.modbustoolkit.server.tcp.TcpFraming;
import dev.modbustoolkit.server.udp.ModbusUdpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client against the toolkit's own servers, on every link they share: values, exceptions, pipelining. */
class OwnServerIT {
  private DataModel model;
  private ModbusDispatcher dispatcher;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void device() {
    model = DataModel.dense();
    for (int i = 0; i < 2000; i++) {
      model.holdingRegisters().set(i, (i * 7 + 3) & 0xFFFF);
      model.inputRegisters().set(i, (i * 11 + 5) & 0xFFFF);
      model.coils().setBit(i, i % 3 == 0);
      model.discreteInputs().setBit(i, i % 5 == 0);
    }
    dispatcher = ModbusDispatcher.builder().unit(1, RegisterDevice.of(model)).build();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T track(T c) {
    open.add(c);
    return c;
  }

  private int tcpServer(TcpFraming framing, IoMode mode) throws Exception {
    ModbusTcpServer server = track(ModbusTcpServer.builder(dispatcher).bindAddress("127.0.0.1").port(0)
        .framing(framing).ioMode(mode).build().start());
    return server.localAddress().getPort();
  }

  private ModbusClient client(TcpFraming framing, int port) {
    TcpClientBuilder b = switch (framing) {
      case MBAP -> ModbusClient.tcp("127.0.0.1", port);
      case RTU -> ModbusClient.rtuOverTcp("127.0.0.1", port);
      case ASCII -> ModbusClient.asciiOverTcp("127.0.0.1", port);
    };
    return track(b.timeout(Duration.ofSeconds(5)).build());
  }

  @ParameterizedTest
  @EnumSource(TcpFraming.class)
  void everyTableFunctionCodeOnEveryFramingInBothIoModes(TcpFraming framing) throws Exception {
    for (IoMode mode : IoMode.values()) {
      BlockingModbusClient c = client(framing, tcpServer(framing, mode)).blocking();
      assertThat(c.readHoldingRegisters(1, 10, 3).values()).containsExactly((short) 73, (short) 80, (short) 87);
      assertThat(c.readInputRegisters(1, 0, 2).values()).containsExactly((short) 5, (short) 16);
      assertThat(c.readCoils(1, 0, 4).coilStatus()).containsExactly(0b1001);
      assertThat(c.readDiscreteInputs(1, 0, 6).inputStatus()).containsExactly(0b100001);
      assertThat(c.writeSingleRegister(1, 500, 0xBEEF).value()).isEqualTo(0xBEEF);
      assertThat(model.holdingRegisters().get(500)).isEqualTo(0xBEEF);
      assertThat(c.writeSingleCoil(1, 1, true).value()).isTrue();
      assertThat(model.coils().getBit(1)).isTrue();
      assertThat(c.writeMultipleRegisters(1, 600, 1, 2, 3).quantity()).isEqualTo(3);
      assertThat(model.holdingRegisters().get(602)).isEqualTo(3);
      assertThat(c.writeMultipleCoils(1, 700, true, false, true).quantity()).isEqualTo(3);
      assertThat(model.coils().getBit(702)).isTrue();
      assertThat(c.maskWriteRegister(1, 600, 0x00F0, 0x0005).orMask()).isEqualTo(5);
      assertThat(model.holdingRegisters().get(600)).isEqualTo((1 & 0xF0) | (5 & ~0xF0 & 0xFFFF));
      assertThat(c.readWriteMultipleRegisters(1, 800, 2, 800, 9, 8).values())
          .containsExactly((short) 9, (short) 8);
      assertThat(c.diagnostics(1, DiagnosticsRequest.of(DiagnosticSubFunction.RETURN_QUERY_DATA, 0x1234)).data())
          .containsExactly(0x12, 0x34);
      assertThat(c.getCommEventCounter(1).eventCount()).isGreaterThanOrEqualTo(0);
      c.writeSingleCoil(1, 1, false); // as it was, for the next I/O mode
    }
  }

  @Test
  void typedValuesInEveryWordOrder() throws Exception {
    BlockingModbusClient c = client(TcpFraming.MBAP, tcpServer(TcpFraming.MBAP, IoMode.EVENT_LOOP)).blocking();
    for (WordOrder order : WordOrder.values()) {
      model.holdingRegisters().setFloat32(100, 21.5f, order);
      model.holdingRegisters().setInt32(102, -123456, order);
      ReadHoldingRegistersResponse r = c.readHoldingRegisters(1, 100, 4);
      assertThat(RegisterValues.float32(r.values(), 0, order)).isEqualTo(21.5f);
      assertThat(RegisterValues.int32(r.values(), 2, order)).isEqualTo(-123456);
      c.writeMultipleRegisters(1, 200, RegisterValues.ofFloat64(-0.125, order));
      assertThat(model.holdingRegisters().getFloat64(200, order)).isEqualTo(-0.125);
    }
  }

  @Test
  void anExceptionResponseFailsTheCallWithItsCode() throws Exception {
    DataModel small = new DataModel(BitTable.dense(), BitTable.dense(), RegisterTable.dense(0, 10), RegisterTable.dense());
    dispatcher = ModbusDispatcher.builder().unit(1, RegisterDevice.of(small)).build();
    ModbusClient c = client(TcpFraming.MBAP, tcpServer(TcpFraming.MBAP, IoMode.EVENT_LOOP));
    assertThatThrownBy(() -> c.blocking().readHoldingRegisters(1, 5, 10))
        .isInstanceOfSatisfying(ModbusExceptionResponseException.class, e -> {
          assertThat(e.code()).contains(ExceptionCode.ILLEGAL_DATA_ADDRESS);
          assertThat(e.functionCode()).isEqualTo(3);
          assertThat(e.unitId()).isEqualTo(1);
        });
    byte[] raw = c.blocking().sendRaw(1, new byte[] {0x03, 0x00, 0x05, 0x00, 0x0A});
    assertThat(raw).containsExactly(0x83, 0x02);
    assertThat(c.metrics().exceptionsByCode()).containsEntry(2, 2L);
  }

  @Test
  void pipelinedRequestsEachGetTheirOwnAnswer() throws Exception {
    ModbusClient c = track(ModbusClient.tcp("127.0.0.1", tcpServer(TcpFraming.MBAP, IoMode.EVENT_LOOP))
        .window(8).timeout(Duration.ofSeconds(10)).build());
    List<CompletableFuture<ReadHoldingRegistersResponse>> answers = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      answers.add(c.readHoldingRegisters(1, i, 1));
    }
    for (int i = 0; i < 2000; i++) {
      assertThat(answers.get(i).get().values()).as("register %d", i).containsExactly((short) ((i * 7 + 3)));
    }
    ClientMetrics m = c.metrics();
    assertThat(m.answers()).isEqualTo(2000);
    assertThat(m.timeouts()).isZero();
    assertThat(m.lateAnswers()).isZero();
  }

  @Test
  void udpReadsAndWrites() throws Exception {
    ModbusUdpServer server = track(ModbusUdpServer.builder(dispatcher).port(0).build().start());
    BlockingModbusClient c = track(ModbusClient.udp("127.0.0.1", server.localAddress().getPort()).build()).blocking();
    assertThat(c.readHoldingRegisters(1, 10, 1).values()).containsExactly((short) 73);
    c.writeSingleRegister(1, 11, 42);
    assertThat(model.holdingRegisters().get(11)).isEqualTo(42);
  }
}
