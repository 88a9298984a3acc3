package dev.modbustoolkit.client;

import dev.modbustoolkit.testkit.Frames;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Modbus TCP or RTU-over-TCP server on loopback whose every answer a test scripts: now, later, never, wrong, or a
 * closed connection. Records each request it received, in order, so a test can say what was (not) sent.
 */
final class ScriptedServer implements AutoCloseable {
  /** A request as received. */
  record Request(int connection, int transactionId, int unitId, byte[] pdu) {
    int functionCode() {
      return pdu[0] & 0xFF;
    }

    int address() {
      return (pdu[1] & 0xFF) << 8 | pdu[2] & 0xFF;
    }
  }

  /** What to do with one request. */
  sealed interface Reply {}

  /** Answer with this PDU after {@code delayMillis}. */
  record Answer(byte[] pdu, long delayMillis) implements Reply {}

  /** Never answer. */
  record Silence() implements Reply {}

  /** Close the connection instead of answering. */
  record Close() implements Reply {}

  @FunctionalInterface
  interface Script {
    Reply reply(Request request, int index);
  }

  private final ServerSocket socket;
  private final boolean rtu;
  private final Script script;
  final List<Request> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger connections = new AtomicInteger();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

  ScriptedServer(boolean rtu, Script script) throws IOException {
    this(rtu, script, 0);
  }

  ScriptedServer(boolean rtu, Script script, int port) throws IOException {
    this.rtu = rtu;
    this.script = script;
    this.socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    Thread.ofVirtual().start(this::accept);
  }

  int port() {
    return socket.getLocalPort();
  }

  /** The register value this server answers FC03 for {@code address} with, unless scripted otherwise. */
  static int valueOf(int address) {
    return (address * 31 + 7) & 0xFFFF;
  }

  /** A normal FC03 answer for the request: each register its {@link #valueOf} value. */
  static Answer registers(Request r, long delayMillis) {
    int quantity = (r.pdu[3] & 0xFF) << 8 | r.pdu[4] & 0xFF;
    byte[] pdu = new byte[2 + 2 * quantity];
    pdu[0] = 3;
    pdu[1] = (byte) (2 * quantity);
    for (int i = 0; i < quantity; i++) {
      int v = valueOf(r.address() + i);
      pdu[2 + 2 * i] = (byte) (v >> 8);
      pdu[3 + 2 * i] = (byte) v;
    }
    return new Answer(pdu, delayMillis);
  }

  static Answer echo(Request r) {
    return new Answer(r.pdu.clone(), 0);
  }

  static Answer exception(Request r, int code) {
    return new Answer(new byte[] {(byte) (r.functionCode() | 0x80), (byte) code}, 0);
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket s = socket.accept();
        s.setTcpNoDelay(true);
        open.add(s);
        int id = connections.incrementAndGet();
        Thread.ofVirtual().start(() -> serve(s, id));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s, int connection) {
    try (s) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (true) {
        Request r = rtu ? readRtu(in, connection) : readMbap(in, connection);
        int index = requests.size();
        requests.add(r);
        switch (script.reply(r, index)) {
          case Answer a -> {
            byte[] frame = rtu ? Frames.rtu(r.unitId, a.pdu()) : Frames.mbap(r.transactionId, r.unitId, a.pdu());
            if (a.delayMillis() == 0) {
              write(out, frame);
            } else {
              later.schedule(() -> write(out, frame), a.delayMillis(), TimeUnit.MILLISECONDS);
            }
          }
          case Silence x -> { }
          case Close x -> {
            return;
          }
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static synchronized void write(OutputStream out, byte[] frame) {
    try {
      out.write(frame);
      out.flush();
    } catch (IOException e) {
      // the connection is gone: the client will time out
    }
  }

  private static Request readMbap(DataInputStream in, int connection) throws IOException {
    int tid = in.readUnsignedShort();
    in.readUnsignedShort();
    int length = in.readUnsignedShort();
    int unit = in.readUnsignedByte();
    byte[] pdu = new byte[length - 1];
    in.readFully(pdu);
    return new Request(connection, tid, unit, pdu);
  }

  // Test requests over RTU are FC03/FC06 only: 8-byte frames.
  private static Request readRtu(DataInputStream in, int connection) throws IOException {
    byte[] frame = new byte[8];
    in.readFully(frame);
    byte[] pdu = java.util.Arrays.copyOfRange(frame, 1, 6);
    return new Request(connection, 0, frame[0] & 0xFF, pdu);
  }

  /** Closes the listener and every connection: a server that went away. */
  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : open) {
      s.close();
    }
    later.shutdownNow();
  }
}
