package dev.modbustoolkit.client;

import static dev.modbustoolkit.client.PeerChecks.unsigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fazecast.jSerialComm.SerialPort;
import dev.modbustoolkit.pdu.DiagnosticSubFunction;
import dev.modbustoolkit.pdu.DiagnosticsRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersResponse;
import dev.modbustoolkit.pdu.UserDefinedRequest;
import dev.modbustoolkit.pdu.UserDefinedResponse;
import dev.modbustoolkit.pdu.WriteMultipleRegistersRequest;
import dev.modbustoolkit.pdu.WriteSingleRegisterRequest;
import dev.modbustoolkit.registers.BitTable;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.RegisterTable;
import dev.modbustoolkit.serial.ModbusCrc16;
import dev.modbustoolkit.serial.RtuFrameEncoder;
import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.serial.SerialMode;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.ModbusRequestHandler;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.core.RequestContext;
import dev.modbustoolkit.server.rtu.ModbusRtuServer;
import dev.modbustoolkit.testkit.PtyPair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The serial master on a socat pty pair against our own serial server (modbus-server-rtu), RTU and ASCII: every
 * table function code, an exception, requests queued at once (one outstanding on the bus), a timeout (a unit nobody
 * serves), a broadcast then a read, an answer of unknown length ended by the silence after it, and the local echo
 * of an RS-485 adapter dropped.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SerialMasterIT {
  static final SerialLineSettings LINE = SerialLineSettings.of(19_200, "8N1");

  @TempDir Path dir;

  /** The shared tables of {@link PeerChecks} as a data model: 100 entries each, 02 beyond. */
  static DataModel sharedTables() {
    DataModel model = new DataModel(BitTable.dense(0, PeerChecks.SIZE), BitTable.dense(0, PeerChecks.SIZE),
        RegisterTable.dense(0, PeerChecks.SIZE), RegisterTable.dense(0, PeerChecks.SIZE));
    for (int i = 0; i < PeerChecks.SIZE; i++) {
      model.coils().setBit(i, PeerChecks.coil(i));
      model.discreteInputs().setBit(i, PeerChecks.discrete(i));
      model.holdingRegisters().set(i, PeerChecks.holding(i));
      model.inputRegisters().set(i, PeerChecks.input(i));
    }
    return model;
  }

  /** Unit 2: FC 65 (user-defined, so of unknown length) answers its request data reversed. */
  static final class ReversingDevice implements ModbusRequestHandler {
    @Override
    public UserDefinedResponse userDefined(RequestContext ctx, int unitId, UserDefinedRequest request) {
      byte[] data = request.data();
      byte[] reversed = new byte[data.length];
      for (int i = 0; i < data.length; i++) {
        reversed[i] = data[data.length - 1 - i];
      }
      return new UserDefinedResponse(request.functionCode(), reversed);
    }
  }

  @ParameterizedTest
  @EnumSource(SerialMode.class)
  void everyFunctionCodeExceptionTimeoutBroadcastAndUnknownLengthAgainstOurServer(SerialMode mode)
      throws Exception {
    DataModel model = sharedTables();
    ModbusDispatcher dispatcher = ModbusDispatcher.builder()
        .unit(1, RegisterDevice.of(model))
        .unit(2, new ReversingDevice())
        .build();
    PeerChecks checks = new PeerChecks("our serial server (" + mode + ")");
    try (PtyPair pty = PtyPair.start(dir);
        ModbusRtuServer server = ModbusRtuServer.builder(dispatcher).port(pty.server().toString())
            .lineSettings(LINE).mode(mode).build().start();
        ModbusClient client = ModbusClient.serial(pty.client().toString()).mode(mode).lineSettings(LINE)
            .timeout(Duration.ofSeconds(1)).retry(RetryPolicy.NONE).build()) {
      BlockingModbusClient c = client.blocking();
      checks.tables(c);
      assertThat(c.diagnostics(1, DiagnosticsRequest.of(DiagnosticSubFunction.RETURN_QUERY_DATA, 0x1234)).data())
          .containsExactly(0x12, 0x34);
      checks.ran("FC08");
      assertThat(c.getCommEventCounter(1).eventCount()).isGreaterThanOrEqualTo(0);
      checks.ran("FC0B");

      UserDefinedResponse reversed = c.userDefined(2, new UserDefinedRequest(65, new byte[] {1, 2, 3, 4, 5}));
      assertThat(reversed.data()).containsExactly(5, 4, 3, 2, 1);
      checks.ran("FC65, unknown length, ended by silence");

      List<CompletableFuture<ReadHoldingRegistersResponse>> queued = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        queued.add(client.readHoldingRegisters(1, i, 1)); // all at once: the bus takes them one at a time
      }
      for (int i = 0; i < 20; i++) {
        assertThat(unsigned(queued.get(i).get(10, TimeUnit.SECONDS).values())).containsExactly(PeerChecks.holding(i));
      }
      assertThat(client.metrics().unexpectedAnswers()).isZero();
      checks.ran("20 requests queued at once, each its own answer");

      checks.timeout(client, () -> c.readHoldingRegisters(5, 0, 1)); // nobody serves unit 5
      broadcastThenRead(client, checks);
      assertThat(model.holdingRegisters().get(70)).isEqualTo(0x1234);
    }
    assertThat(checks.report()).isEqualTo(12 + 3 + 1 + 1 + 1);
  }

  /** A broadcast write, sent without waiting, executed by the devices; the read after it sees it: 1 step. */
  static void broadcastThenRead(ModbusClient client, PeerChecks checks) throws Exception {
    long answers = client.metrics().answers();
    client.broadcast(new WriteSingleRegisterRequest(70, 0x1234)).get(5, TimeUnit.SECONDS);
    client.broadcast(WriteMultipleRegistersRequest.of(71, 0x5678, 0x9ABC)).get(5, TimeUnit.SECONDS);
    assertThat(unsigned(client.blocking().readHoldingRegisters(1, 70, 3).values()))
        .containsExactly(0x1234, 0x5678, 0x9ABC);
    assertThat(client.metrics().answers()).as("no answer to either broadcast").isEqualTo(answers + 1);
    checks.ran("broadcast then read");
  }

  @Test
  void theLocalEchoOfAnRs485AdapterIsDropped() throws Exception {
    UserDefinedRequest reverse = new UserDefinedRequest(65, new byte[] {1, 2, 3});
    try (PtyPair pty = PtyPair.start(dir);
        EchoingDevice device = new EchoingDevice(pty.server().toString())) {
      try (ModbusClient client = ModbusClient.serial(pty.client().toString()).lineSettings(LINE).localEcho(true)
          .timeout(Duration.ofSeconds(1)).retry(RetryPolicy.NONE).build()) {
        BlockingModbusClient c = client.blocking();
        for (int i = 0; i < 5; i++) {
          assertThat(unsigned(c.readHoldingRegisters(1, i, 1).values())).containsExactly(1000 + i);
        }
        // An answer of unknown length ends at the silence after it: without suppression it would be glued to the
        // echo before it, and the two together match no CRC.
        assertThat(c.userDefined(1, reverse).data()).containsExactly(3, 2, 1);
        assertThat(client.metrics().unexpectedAnswers()).isZero();
      }
      try (ModbusClient deaf = ModbusClient.serial(pty.client().toString()).lineSettings(LINE)
          .timeout(Duration.ofSeconds(1)).retry(RetryPolicy.NONE).build()) {
        assertThatThrownBy(() -> deaf.blocking().userDefined(1, reverse))
            .as("the same exchange without echo suppression").isInstanceOf(ModbusTimeoutException.class);
      }
      assertThat(device.answered.get()).isEqualTo(7);
    }
  }

  /**
   * A device on the far end of the pty pair whose master hears its own requests back, as with an RS-485 adapter
   * with local echo: for an FC03 request (8 bytes) or an FC65 request with 3 data bytes (7 bytes) of unit 1 it
   * sends the request's bytes back, then at once the answer (register a reads 1000 + a; FC65 reverses its data).
   */
  static final class EchoingDevice implements AutoCloseable {
    final AtomicInteger answered = new AtomicInteger();
    private final SerialPort port;
    private final Thread thread;
    private volatile boolean running = true;

    EchoingDevice(String device) throws java.io.IOException {
      port = SerialPort.getCommPort(Path.of(device).toRealPath().toString());
      port.setComPortParameters(19_200, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
      port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
      assertThat(port.openPort()).as("open %s", device).isTrue();
      thread = Thread.ofPlatform().daemon().name("echoing-device").start(this::run);
    }

    private void run() {
      byte[] request = new byte[16];
      int have = 0;
      byte[] chunk = new byte[64];
      while (running) {
        int n = port.readBytes(chunk, chunk.length);
        if (n <= 0) {
          have = 0; // a silence: the next byte starts a new frame
          continue;
        }
        for (int i = 0; i < n && have < request.length; i++) {
          request[have++] = chunk[i];
        }
        int expected = have < 2 ? -1 : request[1] == 3 ? 8 : request[1] == 65 ? 7 : -1;
        if (have == expected && request[0] == 1 && ModbusCrc16.matches(request, 0, have)) {
          byte[] pdu;
          if (request[1] == 3) {
            int value = 1000 + ((request[2] & 0xFF) << 8 | request[3] & 0xFF);
            pdu = new byte[] {3, 2, (byte) (value >> 8), (byte) value};
          } else {
            pdu = new byte[] {65, request[4], request[3], request[2]};
          }
          byte[] answer = new byte[RtuFrameEncoder.frameLength(pdu.length)];
          int length = RtuFrameEncoder.encode(1, pdu, 0, pdu.length, answer, 0);
          byte[] both = new byte[have + length];
          System.arraycopy(request, 0, both, 0, have);
          System.arraycopy(answer, 0, both, have, length);
          port.writeBytes(both, both.length);
          answered.incrementAndGet();
          have = 0;
        }
      }
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join(5_000);
      port.closePort();
    }
  }
}
