package dev.modbustoolkit.server.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.DispatchListener;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.core.RequestContext;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The UDP server's builder limits, lifecycle, counters and peer table, with datagrams on loopback (no external
 * tool: {@link ModbusUdpServerIT} has pymodbus). Every wait is bounded.
 */
class ModbusUdpServerTest {
  private final BlockingQueue<RequestContext> contexts = new LinkedBlockingQueue<>();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  private ModbusUdpServer.Builder builder() {
    DataModel model = DataModel.dense();
    for (int i = 0; i < 10; i++) {
      model.holdingRegisters().set(i, 100 + i);
    }
    DispatchListener recorder = (context, unit, fc, exception, length, nanos) -> contexts.add(context);
    return ModbusUdpServer.builder(ModbusDispatcher.builder().unit(1, RegisterDevice.of(model)).listener(recorder)
        .build());
  }

  private ModbusUdpServer started(ModbusUdpServer.Builder b) throws Exception {
    ModbusUdpServer server = b.build().start();
    open.add(server);
    return server;
  }

  /** A peer on its own loopback port, connected to the server; a receive waits 10 s at most. */
  private DatagramSocket peer(ModbusUdpServer server) throws Exception {
    DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    open.add(s);
    s.connect(server.localAddress());
    s.setSoTimeout(10_000);
    return s;
  }

  /** FC03 of {@code quantity} registers at {@code address}, transaction id {@code tid}, unit 1. */
  private static byte[] readRequest(int tid, int address, int quantity) {
    return new byte[] {(byte) (tid >> 8), (byte) tid, 0, 0, 0, 6, 1, 3, (byte) (address >> 8), (byte) address,
        (byte) (quantity >> 8), (byte) quantity};
  }

  /** Sends and waits for the one answer datagram; returns its bytes. */
  private static byte[] exchange(DatagramSocket s, byte[] request) throws Exception {
    s.send(new DatagramPacket(request, request.length));
    DatagramPacket answer = new DatagramPacket(new byte[300], 300);
    s.receive(answer);
    return Arrays.copyOf(answer.getData(), answer.getLength());
  }

  @Test
  void theBuilderRefusesAPortOrAPeerLimitOutOfRangeNamingTheValue() {
    ModbusUdpServer.Builder b = builder();
    assertThatThrownBy(() -> b.port(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port -1 out of range 0..65535");
    assertThatThrownBy(() -> b.port(65_536)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port 65536 out of range 0..65535");
    assertThatThrownBy(() -> b.maxPeers(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxPeers 0 out of range 1..65536");
    assertThatThrownBy(() -> b.maxPeers(65_537)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxPeers 65537 out of range 1..65536");
    // Both ends of each range are taken.
    b.port(0).port(65_535).port(0).maxPeers(1).maxPeers(65_536);
  }

  @Test
  void isRunningFromStartToCloseAndCloseIsIdempotent() throws Exception {
    ModbusUdpServer server = builder().build();
    assertThat(server.isRunning()).isFalse();
    assertThatThrownBy(server::localAddress).isInstanceOf(IllegalStateException.class).hasMessage("not started");
    server.start();
    assertThat(server.isRunning()).isTrue();
    assertThat(server.localAddress().getAddress().isLoopbackAddress()).as("loopback by default").isTrue();
    assertThat(server.localAddress().getPort()).isPositive();
    server.close();
    assertThat(server.isRunning()).isFalse();
    server.close();
    assertThat(server.isRunning()).isFalse();
    ModbusUdpServer never = builder().build();
    never.close();
    assertThat(never.isRunning()).isFalse();
  }

  @Test
  void startingTwiceIsRefusedAndAClosedServerFreesItsPort() throws Exception {
    ModbusUdpServer first = started(builder());
    assertThatThrownBy(first::start).isInstanceOf(IllegalStateException.class).hasMessage("already started");
    int port = first.localAddress().getPort();
    first.close();
    // The socket was closed, not only the loop stopped: the same port binds again, and serves.
    ModbusUdpServer second = started(builder().port(port));
    assertThat(exchange(peer(second), readRequest(7, 3, 1))).hasSize(11);
  }

  @Test
  void aPortInUseFailsTheStartNamingTheAddress() throws Exception {
    ModbusUdpServer first = started(builder());
    int port = first.localAddress().getPort();
    ModbusUdpServer second = builder().port(port).build();
    assertThatThrownBy(second::start).isInstanceOf(java.io.IOException.class)
        .hasMessageStartingWith("cannot bind Modbus UDP server to ").hasMessageContaining(":" + port);
    assertThat(second.isRunning()).isFalse();
  }

  @Test
  void aRequestOfTheLongestFrameIsReadWholeAndALongerDatagramIsDropped() throws Exception {
    ModbusUdpServer server = started(builder());
    DatagramSocket c = peer(server);
    // FC15 (write file record) with one sub-request of 122 registers: PDU 253 bytes, frame 260, the MBAP maximum.
    byte[] longest = new byte[260];
    byte[] header = {0, 1, 0, 0, 0, (byte) 254, 1, 0x15, (byte) 251, 6, 0, 1, 0, 0, 0, 122};
    System.arraycopy(header, 0, longest, 0, header.length);
    byte[] answer = exchange(c, longest);
    assertThat(answer.length).as("answered (the device's exception or its echo)").isGreaterThanOrEqualTo(9);
    assertThat(answer[7] & 0x7F).isEqualTo(0x15);
    // One byte more than any MBAP frame: not one frame, dropped unanswered; the next request is answered.
    byte[] longer = new byte[261];
    System.arraycopy(longest, 0, longer, 0, 260);
    longer[5] = (byte) 255;
    c.send(new DatagramPacket(longer, longer.length));
    assertThat(exchange(c, readRequest(9, 0, 1))[1]).isEqualTo((byte) 9);
    assertThat(server.metrics().droppedDatagrams()).isEqualTo(1);
  }

  @Test
  void countsDatagramsRequestsAnswersDropsAndBytes() throws Exception {
    ModbusUdpServer server = started(builder());
    DatagramSocket c = peer(server);
    int answerBytes = 0;
    for (int i = 0; i < 3; i++) {
      byte[] answer = exchange(c, readRequest(40 + i, i, 2));
      // MBAP header (tid echoed), FC03, 4 bytes: registers i and i + 1.
      assertThat(answer).hasSize(13);
      assertThat(answer[1]).isEqualTo((byte) (40 + i));
      assertThat(answer[10] & 0xFF).isEqualTo(100 + i);
      assertThat(answer[12] & 0xFF).isEqualTo(101 + i);
      answerBytes += answer.length;
    }
    // Not one MBAP frame (the length field says 6 bytes follow, 3 do): dropped, unanswered.
    byte[] bad = {0, 9, 0, 0, 0, 6, 1, 3, 0};
    c.send(new DatagramPacket(bad, bad.length));
    // The next answer proves the drop was handled before it (one receive thread, in order).
    answerBytes += exchange(c, readRequest(50, 0, 2)).length;
    UdpServerMetrics m = server.metrics();
    assertThat(m.datagrams()).isEqualTo(5);
    assertThat(m.droppedDatagrams()).isEqualTo(1);
    assertThat(m.requests()).isEqualTo(4);
    assertThat(m.answers()).isEqualTo(4);
    assertThat(m.bytesIn()).isEqualTo(4 * 12 + 9);
    assertThat(m.bytesOut()).isEqualTo(answerBytes);
  }

  @Test
  void aPeerForgottenOverTheLimitIsServedAgainAsANewPeer() throws Exception {
    ModbusUdpServer server = started(builder().maxPeers(1));
    DatagramSocket a = peer(server);
    DatagramSocket b = peer(server);
    assertThat(exchange(a, readRequest(1, 0, 1))).hasSize(11);
    assertThat(exchange(a, readRequest(2, 0, 1))).hasSize(11);
    assertThat(exchange(b, readRequest(3, 0, 1))).hasSize(11);
    assertThat(exchange(a, readRequest(4, 0, 1))).hasSize(11);
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      RequestContext context = contexts.poll(10, TimeUnit.SECONDS);
      assertThat(context).isInstanceOf(UdpRequestContext.class);
      ids.add(((UdpRequestContext) context).peerId());
    }
    // a stays peer 1 while it is the one remembered; b takes its place; a comes back as a new peer.
    assertThat(ids).containsExactly(1L, 1L, 2L, 3L);
    assertThat(contexts.peek()).isNull();
  }

  @Test
  void peersWithinTheLimitKeepTheirIdsWhateverTheOrder() throws Exception {
    ModbusUdpServer server = started(builder().maxPeers(2));
    DatagramSocket a = peer(server);
    DatagramSocket b = peer(server);
    exchange(a, readRequest(1, 0, 1));
    exchange(b, readRequest(2, 0, 1));
    exchange(a, readRequest(3, 0, 1));
    exchange(b, readRequest(4, 0, 1));
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(((UdpRequestContext) contexts.poll(10, TimeUnit.SECONDS)).peerId());
    }
    assertThat(ids).containsExactly(1L, 2L, 1L, 2L);
  }

  @Test
  void handlersSeeThePeerByNumberAndAddress() throws Exception {
    ModbusUdpServer server = started(builder());
    DatagramSocket a = peer(server);
    exchange(a, readRequest(1, 0, 1));
    RequestContext context = contexts.poll(10, TimeUnit.SECONDS);
    assertThat(context).isEqualTo(new UdpRequestContext(1, server.localAddress(),
        (InetSocketAddress) a.getLocalSocketAddress()));
    assertThat(context.isSerial()).isFalse();
    assertThat(context).hasToString("UDP peer #1 127.0.0.1:" + a.getLocalPort());
  }
}
