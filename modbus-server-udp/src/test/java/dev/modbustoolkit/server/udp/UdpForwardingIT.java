package dev.modbustoolkit.server.udp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.server.core.ForwardAnswer;
import dev.modbustoolkit.server.core.ForwardedRequest;
import dev.modbustoolkit.server.core.ForwardingHandler;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A forwarding catch-all behind the UDP server: answers sent when the futures complete, matched by transaction id. */
@Timeout(60)
class UdpForwardingIT {
  private static final HexFormat HEX = HexFormat.of();

  /** Unit 1 answers after 400 ms, unit 2 at once, unit 3 with 0x0B; a broadcast with nothing. */
  static final class Gateway implements ForwardingHandler {
    final List<ForwardedRequest> seen = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<ForwardAnswer> forward(ForwardedRequest request) {
      seen.add(request);
      if (request.broadcast()) {
        return CompletableFuture.completedFuture(ForwardAnswer.none());
      }
      ForwardAnswer answer = request.unitId() == 3
          ? ForwardAnswer.exception(ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND)
          : ForwardAnswer.response(new byte[] {0x03, 0x02, 0x00, (byte) request.unitId()});
      long delay = request.unitId() == 1 ? 400 : 0;
      return CompletableFuture.supplyAsync(() -> answer,
          CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
    }
  }

  private final Gateway gateway = new Gateway();
  private ModbusUdpServer server;
  private DatagramSocket client;

  @BeforeEach
  void start() throws IOException {
    server = ModbusUdpServer.builder(ModbusDispatcher.builder().routeAll(gateway).build()).build().start();
    client = new DatagramSocket();
    client.setSoTimeout(3_000);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private void send(String hex) throws IOException {
    byte[] request = HEX.parseHex(hex.replace(" ", ""));
    client.send(new DatagramPacket(request, request.length, server.localAddress()));
  }

  private String receive() throws IOException {
    byte[] buffer = new byte[300];
    DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
    client.receive(answer);
    return HEX.formatHex(Arrays.copyOf(buffer, answer.getLength()));
  }

  @Test
  void aSlowDeviceDoesNotHoldUpTheNextRequestAndAnswersAreMatchedByTransactionId() throws IOException {
    send("0001 0000 0006 01 03 0000 0001");
    send("0002 0000 0006 02 03 0000 0001");
    // The fast one first: the receive thread did not wait for the slow one.
    assertThat(receive()).isEqualTo("000200000005020302" + "0002");
    assertThat(receive()).isEqualTo("000100000005010302" + "0001");
  }

  @Test
  void anExceptionCodeIsAnswered() throws IOException {
    send("0003 0000 0006 03 03 0000 0001");
    assertThat(receive()).isEqualTo("00030000000303830b");
  }

  @Test
  void aBroadcastReachesTheHandlerAndIsNotAnswered() throws IOException {
    send("0004 0000 0006 00 06 0001 0007");
    client.setSoTimeout(300);
    try {
      String unexpected = receive();
      throw new AssertionError("expected no answer, got " + unexpected);
    } catch (SocketTimeoutException e) {
      // nothing, as a broadcast gets
    }
    assertThat(gateway.seen).singleElement().extracting(ForwardedRequest::broadcast).isEqualTo(true);
  }
}
