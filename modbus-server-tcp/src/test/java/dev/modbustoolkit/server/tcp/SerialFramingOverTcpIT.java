package dev.modbustoolkit.server.tcp;

import static dev.modbustoolkit.server.tcp.Wire.answer;
import static dev.modbustoolkit.server.tcp.Wire.ascii;
import static dev.modbustoolkit.server.tcp.Wire.hex;
import static dev.modbustoolkit.server.tcp.Wire.read;
import static dev.modbustoolkit.server.tcp.Wire.request;
import static dev.modbustoolkit.server.tcp.Wire.rtu;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.CloseMode;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.fault.testing.PeerClose;
import dev.modbustoolkit.fault.testing.PeerClose.Kind;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.transport.stream.ConnectionLimitPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The one TCP listener with each framing: RTU and ASCII over TCP get the listener, limits, timeouts and the whole
 * fault pipeline of Modbus TCP (connection actions included), and keep the rules of a serial line (bus addressing,
 * resynchronisation after garbage).
 */
@Timeout(60)
class SerialFramingOverTcpIT {
  private static final Duration QUIET = Duration.ofSeconds(3);

  private final TestSupport support = new TestSupport();
  private final FaultPipeline faults = FaultPipeline.create(7);
  private final RegisterDevice unit1 = RegisterDevice.of(DataModel.dense());
  private final RegisterDevice unit2 = RegisterDevice.of(DataModel.dense());
  private final ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, unit1).unit(2, unit2).build();

  SerialFramingOverTcpIT() {
    for (int i = 0; i < 10; i++) {
      unit1.dataModel().holdingRegisters().set(i, 100 + i);
    }
    unit2.dataModel().holdingRegisters().setRange(0, 200, 201);
  }

  @AfterEach
  void stop() {
    support.close();
  }

  private ModbusTcpServer start(TcpFraming framing, Consumer<ModbusTcpServer.Builder> more) throws IOException {
    return support.start(dispatcher, b -> {
      b.framing(framing).faults(faults);
      more.accept(b);
    });
  }

  private static Socket connect(ModbusTcpServer server) throws IOException {
    Socket socket = new Socket();
    socket.connect(server.localAddress(), 5_000);
    socket.setSoTimeout(5_000);
    socket.setTcpNoDelay(true);
    return socket;
  }

  private static void assertSilent(Socket socket, int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      int b = socket.getInputStream().read();
      assertThat(b).as("a byte (or the end of the stream) where silence was expected").isEqualTo(-2);
    } catch (SocketTimeoutException expected) {
      // silence, as it should be
    } finally {
      socket.setSoTimeout(5_000);
    }
  }

  @Test
  void rtuFramesSplitAcrossSegmentsGarbageOtherUnitsAndABroadcastOnOneConnection() throws Exception {
    ModbusTcpServer server = start(TcpFraming.RTU, b -> {});
    try (Socket socket = connect(server)) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      byte[] request = rtu("01 03 0000 0002");
      // A request in two segments, 100 ms apart: TCP timing means nothing, the frame is assembled.
      out.write(request, 0, 3);
      out.flush();
      Thread.sleep(100);
      out.write(request, 3, 5);
      out.flush();
      assertThat(read(in, 9)).isEqualTo(rtu("01 03 04 0064 0065"));
      // Garbage, a request for another unit, a broadcast and a request for unit 2, back to back.
      out.write(concat(hex("FF 00 13"), rtu("09 03 0000 0001"), rtu("00 06 0007 002A"), rtu("02 03 0000 0001")));
      out.flush();
      assertThat(read(in, 7)).isEqualTo(rtu("02 03 02 00C8"));
      // Nothing else came: the other unit and the broadcast got no answer.
      assertSilent(socket, 300);
      assertThat(unit1.dataModel().holdingRegisters().get(7)).isEqualTo(0x2A);
      assertThat(unit2.dataModel().holdingRegisters().get(7)).isEqualTo(0x2A);
      assertThat(server.metrics().otherUnitRequests()).isEqualTo(1);
      assertThat(server.metrics().droppedFrames()).isEqualTo(1);
    }
  }

  @Test
  void anRtuFrameOfUnknownLengthEndsWhereItsCrcMatches() throws Exception {
    ModbusTcpServer server = start(TcpFraming.RTU, b -> {});
    try (Socket socket = connect(server)) {
      // FC08 sub-function 0 echoes any number of data bytes: its length is not in the frame.
      socket.getOutputStream().write(rtu("01 08 0000 CAFE"));
      assertThat(read(socket.getInputStream(), 8)).isEqualTo(rtu("01 08 0000 CAFE"));
    }
  }

  @Test
  void asciiFramesInEitherCaseAfterGarbageAndAFrameCutShort() throws Exception {
    ModbusTcpServer server = start(TcpFraming.ASCII, b -> {});
    try (Socket socket = connect(server)) {
      OutputStream out = socket.getOutputStream();
      byte[] lower = new String(ascii("02 03 0001 0001"), java.nio.charset.StandardCharsets.US_ASCII)
          .toLowerCase(java.util.Locale.ROOT).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      // Noise, a frame cut short by the next ':', then a valid frame in lower-case digits.
      out.write(concat("xyz".getBytes(java.nio.charset.StandardCharsets.US_ASCII), hex("3a 30 31"), lower));
      out.flush();
      byte[] expected = ascii("02 03 02 00C9");
      assertThat(read(socket.getInputStream(), expected.length)).isEqualTo(expected);
      // A wrong LRC is dropped; the next frame is served.
      byte[] bad = ascii("01 03 0000 0001");
      bad[bad.length - 3] ^= 1;
      out.write(concat(bad, ascii("01 03 0000 0001")));
      out.flush();
      byte[] answer = ascii("01 03 02 0064");
      assertThat(read(socket.getInputStream(), answer.length)).isEqualTo(answer);
      assertThat(server.metrics().droppedFrames()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(TcpFraming.class)
  void aResetAfterOneRequestIsAnRstOnEveryFraming(TcpFraming framing) throws Exception {
    // Before the one listener, ASCII over TCP was labelled a serial line and every connection fault skipped.
    faults.add(FaultSpec.of("rst", ActionSpec.CloseConnection.afterRequests(1, CloseMode.RST)));
    ModbusTcpServer server = start(framing, b -> {});
    try (Socket socket = connect(server)) {
      socket.getOutputStream().write(request(framing, 1, 1, "03 0000 0001"));
      assertThat(PeerClose.await(socket, QUIET).kind()).isEqualTo(Kind.RST);
    }
  }

  @ParameterizedTest
  @EnumSource(TcpFraming.class)
  void aFinAfterOneRequestAnswersThenIsAFinOnEveryFraming(TcpFraming framing) throws Exception {
    faults.add(FaultSpec.of("fin", ActionSpec.CloseConnection.afterRequests(1, CloseMode.FIN)));
    ModbusTcpServer server = start(framing, b -> {});
    try (Socket socket = connect(server)) {
      socket.getOutputStream().write(request(framing, 1, 1, "03 0000 0001"));
      PeerClose.Observation seen = PeerClose.await(socket, QUIET);
      assertThat(seen.kind()).isEqualTo(Kind.FIN);
      assertThat(seen.bytes()).isEqualTo(answer(framing, 1, 1, "03 02 0064"));
    }
  }

  @ParameterizedTest
  @CsvSource({"MBAP, FIN", "MBAP, RST", "RTU, FIN", "RTU, RST", "ASCII, FIN", "ASCII, RST"})
  void anIdleCloseFaultClosesWithTheModeItNamesOnEveryFraming(TcpFraming framing, CloseMode mode) throws Exception {
    // The old RTU-over-TCP server could send an RST where FIN was configured.
    faults.add(FaultSpec.of("idle", new ActionSpec.IdleClose(Duration.ofMillis(200), mode)));
    ModbusTcpServer server = start(framing, b -> {});
    try (Socket socket = connect(server)) {
      socket.getOutputStream().write(request(framing, 1, 1, "03 0000 0001"));
      byte[] expected = answer(framing, 1, 1, "03 02 0064");
      assertThat(read(socket.getInputStream(), expected.length)).isEqualTo(expected);
      assertThat(PeerClose.await(socket, QUIET).kind()).isEqualTo(mode == CloseMode.FIN ? Kind.FIN : Kind.RST);
    }
  }

  @ParameterizedTest
  @EnumSource(TcpFraming.class)
  void holdOpenAnswersNothingAndKeepsTheConnectionOnEveryFraming(TcpFraming framing) throws Exception {
    faults.add(FaultSpec.of("hang", new ActionSpec.HoldOpen()));
    ModbusTcpServer server = start(framing, b -> b.idleTimeout(Duration.ofMillis(200)));
    try (Socket socket = connect(server)) {
      socket.getOutputStream().write(request(framing, 1, 1, "03 0000 0001"));
      // Held connections are exempt from the idle timeout: still open well after it.
      assertThat(PeerClose.await(socket, Duration.ofMillis(800)).kind()).isEqualTo(Kind.STILL_OPEN);
      assertThat(server.metrics().activeConnections()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TcpFraming.class)
  void theIdleTimeoutClosesAQuietConnectionOnEveryFraming(TcpFraming framing) throws Exception {
    ModbusTcpServer server = start(framing, b -> b.idleTimeout(Duration.ofMillis(200)));
    try (Socket socket = connect(server)) {
      OutputStream out = socket.getOutputStream();
      out.write(request(framing, 1, 1, "03 0000 0001"));
      byte[] expected = answer(framing, 1, 1, "03 02 0064");
      assertThat(read(socket.getInputStream(), expected.length)).isEqualTo(expected);
      assertThat(PeerClose.await(socket, QUIET).kind()).isEqualTo(Kind.FIN);
    }
    TestSupport.until(() -> server.metrics().idleTimeouts() == 1, Duration.ofSeconds(5), "idle close counted");
  }

  @ParameterizedTest
  @EnumSource(TcpFraming.class)
  void theConnectionLimitHoldsOnEveryFraming(TcpFraming framing) throws Exception {
    ModbusTcpServer server = start(framing, b -> b.maxConnections(1)
        .connectionLimitPolicy(ConnectionLimitPolicy.EVICT_OLDEST_IDLE));
    try (Socket first = connect(server)) {
      first.getOutputStream().write(request(framing, 1, 1, "03 0000 0001"));
      byte[] expected = answer(framing, 1, 1, "03 02 0064");
      assertThat(read(first.getInputStream(), expected.length)).isEqualTo(expected);
      // The answer can reach the client a moment before the server marks the connection idle (evictable).
      TestSupport.until(() -> server.connections().stream().allMatch(c -> !c.idle().isZero()),
          Duration.ofSeconds(5), "first connection idle");
      try (Socket second = connect(server)) {
        second.getOutputStream().write(request(framing, 2, 1, "03 0001 0001"));
        byte[] expected2 = answer(framing, 2, 1, "03 02 0065");
        assertThat(read(second.getInputStream(), expected2.length)).isEqualTo(expected2);
        // The oldest idle connection made room for the new one.
        assertThat(PeerClose.await(first, QUIET).kind()).isNotEqualTo(Kind.STILL_OPEN);
      }
    }
    assertThat(server.metrics().evictedConnections()).isEqualTo(1);
  }

  @Test
  void theListenerDefaultsToLoopbackForEveryFraming() {
    for (TcpFraming framing : TcpFraming.values()) {
      ModbusTcpServer server = ModbusTcpServer.builder(dispatcher).framing(framing).port(0).jmxEnabled(false).build();
      assertThat(server.framing()).isEqualTo(framing);
      try {
        server.start();
        assertThat(server.localAddress().getAddress().isLoopbackAddress()).as(framing.name()).isTrue();
      } catch (IOException e) {
        throw new AssertionError(e);
      } finally {
        server.close();
      }
    }
  }

  private static byte[] concat(byte[]... parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p);
    }
    return out.toByteArray();
  }
}
