package dev.modbustoolkit.server.rtu;

import dev.modbustoolkit.serial.SerialMode;
import static dev.modbustoolkit.server.rtu.Bytes.concat;
import static dev.modbustoolkit.server.rtu.Bytes.hex;
import static dev.modbustoolkit.server.rtu.Bytes.rtu;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.CloseMode;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultSpec;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** RTU (and ASCII) frames over real TCP connections: raw sockets and pymodbus's TCP client with serial framers. */
@Timeout(60)
class RtuOverTcpIT {
  @TempDir Path dir;
  final TestBus bus = new TestBus();
  final FaultPipeline faults = FaultPipeline.create(7);
  ModbusRtuOverTcpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  Socket connect(SerialMode mode) throws Exception {
    server = ModbusRtuOverTcpServer.builder(bus.dispatcher).mode(mode).faults(faults).build().start();
    Socket socket = new Socket();
    socket.connect(server.localAddress(), 5_000);
    socket.setSoTimeout(3_000);
    socket.setTcpNoDelay(true);
    return socket;
  }

  static byte[] read(InputStream in, int length) throws Exception {
    byte[] out = new byte[length];
    int n = 0;
    while (n < length) {
      int r = in.read(out, n, length - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    return Arrays.copyOf(out, n);
  }

  @Test
  void framesSplitAcrossSegmentsGarbageAndOtherUnitsOnOneConnection() throws Exception {
    try (Socket socket = connect(SerialMode.RTU)) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      byte[] request = rtu("01 03 00 00 00 02");
      // a request in two segments, 100 ms apart: TCP timing means nothing, the frame is assembled
      out.write(request, 0, 3);
      out.flush();
      Thread.sleep(100);
      out.write(request, 3, 5);
      out.flush();
      assertThat(read(in, 9)).isEqualTo(rtu("01 03 04 00 64 00 65"));
      // garbage, a request for another unit, a broadcast and a request for unit 2, back to back
      out.write(concat(hex("FF 00 13"), rtu("09 03 00 00 00 01"), rtu("00 06 00 07 00 2A"), rtu("02 03 00 00 00 01")));
      out.flush();
      assertThat(read(in, 7)).isEqualTo(rtu("02 03 02 00 C8"));
      // nothing else came: the other unit and the broadcast got no answer
      socket.setSoTimeout(300);
      try {
        int b = in.read();
        assertThat(b).as("unexpected byte").isEqualTo(-2);
      } catch (SocketTimeoutException expected) {
        // silence, as it should be
      }
      assertThat(bus.unit1.dataModel().holdingRegisters().get(7)).isEqualTo(0x2A);
      assertThat(server.statistics().otherUnitRequests()).isEqualTo(1);
      assertThat(server.statistics().broadcasts()).isEqualTo(1);
      assertThat(server.statistics().checksumErrors()).isEqualTo(1);
    }
  }

  @Test
  void aFrameOfUnknownLengthEndsWhenTheConnectionGoesQuiet() throws Exception {
    try (Socket socket = connect(SerialMode.RTU)) {
      socket.getOutputStream().write(rtu("01 08 00 00 CA FE"));
      assertThat(read(socket.getInputStream(), 8)).isEqualTo(rtu("01 08 00 00 CA FE"));
    }
  }

  @Test
  void asciiOverTcp() throws Exception {
    try (Socket socket = connect(SerialMode.ASCII)) {
      socket.getOutputStream().write(Bytes.ascii("02 03 00 01 00 01"));
      byte[] expected = Bytes.ascii("02 03 02 00 C9");
      assertThat(read(socket.getInputStream(), expected.length)).isEqualTo(expected);
    }
  }

  @Test
  void aCloseFaultClosesTheConnectionAfterTheResponse() throws Exception {
    faults.add(FaultSpec.of("bye", ActionSpec.CloseConnection.afterRequests(1, CloseMode.FIN)));
    try (Socket socket = connect(SerialMode.RTU)) {
      socket.getOutputStream().write(rtu("01 03 00 00 00 01"));
      InputStream in = socket.getInputStream();
      assertThat(read(in, 7)).isEqualTo(rtu("01 03 02 00 64"));
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void pymodbusTcpClientWithTheRtuFramer() throws Exception {
    server = ModbusRtuOverTcpServer.builder(bus.dispatcher).build().start();
    InetSocketAddress address = server.localAddress();
    Map<String, String> results =
        TestBus.pymodbus(dir, "tcp", address.getHostString(), String.valueOf(address.getPort()), "rtu");
    bus.assertScriptResults(results);
  }
}
