package dev.modbustoolkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.client.ModbusExceptionResponseException;
import dev.modbustoolkit.client.RetryPolicy;
import dev.modbustoolkit.gateway.PeerBus.Device;
import dev.modbustoolkit.pdu.ReadHoldingRegistersResponse;
import dev.modbustoolkit.pdu.ReadInputRegistersResponse;
import dev.modbustoolkit.testkit.PeerSteps;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipelined upstream requests through the gateway to the real devices of {@link PeerBus} (pymodbus and libmodbus
 * RTU servers and ours, each on a socat pty pair; a pty carries no baud rate or parity): raw MBAP frames written in
 * one go on one connection, and our client with an in-flight window of 8, each answered in the connection's order
 * with its own transaction id and value, though the three lines answer at their own pace; and a unit nobody
 * answers, which holds its own line (the next request there waits for its 0x0B) and no other.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GatewayPipeliningIT {
  @RegisterExtension static final PeerSteps PEER_STEPS = new PeerSteps();

  @TempDir static Path dir;
  private static PeerBus bus;

  @BeforeAll
  static void start() throws Exception {
    bus = PeerBus.start(dir, b -> b.quarantine(0, Duration.ZERO));
  }

  @AfterAll
  static void stop() throws Exception {
    if (bus != null) {
      bus.close();
    }
  }

  private static ModbusClient client(int window) {
    return ModbusClient.tcp("127.0.0.1", bus.port()).timeout(Duration.ofSeconds(20)).window(window)
        .retry(RetryPolicy.NONE).build();
  }

  @Test
  void rawMbapFramesWrittenAtOnceAreAnsweredInOrderWithTheirOwnTransactionIdsAndValues() throws Exception {
    int n = 30;
    ByteBuffer requests = ByteBuffer.allocate(12 * n);
    for (int i = 0; i < n; i++) {
      int unit = 1 + i % 3;
      int address = (i * 7) % PeerDevice.SIZE;
      // MBAP: transaction id, protocol 0, length 6, unit; PDU: FC04, address, quantity 1
      requests.putShort((short) (0x1000 + i)).putShort((short) 0).putShort((short) 6).put((byte) unit)
          .put((byte) 0x04).putShort((short) address).putShort((short) 1);
    }
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), bus.port())) {
      s.setSoTimeout(20_000); // every read bounded
      OutputStream out = s.getOutputStream();
      out.write(requests.array()); // all of them before the first answer
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      for (int i = 0; i < n; i++) {
        byte[] answer = new byte[11]; // MBAP 7 + FC, byte count, one register
        in.readFully(answer);
        ByteBuffer a = ByteBuffer.wrap(answer);
        assertThat(a.getShort(0) & 0xFFFF).as("transaction id of answer %d", i).isEqualTo(0x1000 + i);
        assertThat(a.getShort(4)).as("MBAP length").isEqualTo((short) 5);
        assertThat(answer[6]).as("unit").isEqualTo((byte) (1 + i % 3));
        assertThat(answer[7]).as("function code").isEqualTo((byte) 0x04);
        assertThat(answer[8]).as("byte count").isEqualTo((byte) 2);
        assertThat(a.getShort(9) & 0xFFFF).as("answer %d", i).isEqualTo(PeerDevice.input((i * 7) % PeerDevice.SIZE));
        PEER_STEPS.ran("raw MBAP pipeline > " + Device.values()[i % 3].peer);
      }
    }
  }

  @Test
  void ourClientWithAWindowOf8GetsEachAnswerWithItsOwnValue() throws Exception {
    try (ModbusClient c = client(8)) {
      List<CompletableFuture<ReadInputRegistersResponse>> answers = new ArrayList<>();
      for (int i = 0; i < 90; i++) {
        answers.add(c.readInputRegisters(1 + i % 3, i % PeerDevice.SIZE, 2));
      }
      for (int i = 0; i < answers.size(); i++) {
        ReadInputRegistersResponse r = answers.get(i).get(60, TimeUnit.SECONDS);
        assertThat(r.value(0)).as("request %d", i).isEqualTo(PeerDevice.input(i % PeerDevice.SIZE));
        assertThat(r.value(1)).as("request %d", i).isEqualTo(PeerDevice.input(i % PeerDevice.SIZE + 1));
        PEER_STEPS.ran("our client, window 8 > " + Device.values()[i % 3].peer);
      }
    }
  }

  @Test
  void aUnitNobodyAnswersHoldsItsOwnLineUntilIts0BAndNoOtherLine() throws Exception {
    ConcurrentLinkedQueue<String> done = new ConcurrentLinkedQueue<>();
    try (ModbusClient a = client(1); ModbusClient b = client(1); ModbusClient same = client(1)) {
      long forwarded = bus.gateway().metrics().forwarded();
      long sent = System.nanoTime();
      CompletableFuture<ReadHoldingRegistersResponse> dead = a.readHoldingRegisters(PeerBus.DEAD_ON_LIBMODBUS, 0, 1)
          .whenComplete((r, e) -> done.add("dead"));
      while (bus.gateway().metrics().forwarded() == forwarded) { // the dead request is on the libmodbus line now
        Thread.sleep(5);
      }
      CompletableFuture<ReadHoldingRegistersResponse> sameLine = same.readHoldingRegisters(Device.LIBMODBUS.unit, 7, 1)
          .whenComplete((r, e) -> done.add("libmodbus line"));
      // the other lines answer while the libmodbus line waits for the silent unit
      assertThat(b.blocking().readHoldingRegisters(Device.PYMODBUS.unit, 7, 1).value(0))
          .isEqualTo(PeerDevice.holding(7));
      done.add("pymodbus line");
      assertThat(b.blocking().readHoldingRegisters(Device.OWN.unit, 7, 1).value(0)).isEqualTo(PeerDevice.holding(7));
      done.add("own line");
      PEER_STEPS.ran("our client > " + Device.PYMODBUS.peer);
      PEER_STEPS.ran("our client > " + Device.OWN.peer);

      assertThatThrownBy(() -> dead.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOfSatisfying(ModbusExceptionResponseException.class,
              e -> assertThat(e.exceptionCode()).isEqualTo(0x0B));
      assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("0x0B only after the downstream timeout")
          .isGreaterThanOrEqualTo(PeerBus.TIMEOUT);
      PEER_STEPS.ran("our client > libmodbus RTU server (silent unit)");
      assertThat(sameLine.get(30, TimeUnit.SECONDS).value(0)).isEqualTo(PeerDevice.holding(7));
      PEER_STEPS.ran("our client > " + Device.LIBMODBUS.peer);
      // one request at a time on a line: the libmodbus device's read went after the silent unit's timeout
      assertThat(List.copyOf(done)).containsSubsequence("dead", "libmodbus line")
          .containsSubsequence("own line", "dead");
    }
  }
}
