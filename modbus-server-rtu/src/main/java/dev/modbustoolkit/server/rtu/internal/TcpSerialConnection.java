package dev.modbustoolkit.server.rtu.internal;

import dev.modbustoolkit.fault.ConnectionDirective;
import dev.modbustoolkit.fault.FaultSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection carrying serial frames. A single thread reads with a socket timeout set to the framer's next
 * silence deadline (TCP timeouts are precise enough; there is no character timing to honour anyway) and feeds the
 * engine, which answers on the same thread.
 */
public final class TcpSerialConnection implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(TcpSerialConnection.class);
  private static final int MAX_WAIT_MILLIS = 1_000;

  private final Socket socket;
  private final EngineFactory engineFactory;
  private final Runnable onClose;
  private volatile boolean stopping;

  /** Builds the engine of a connection, given its output. */
  @FunctionalInterface
  public interface EngineFactory {
    /** The engine writing to {@code output}. */
    SerialEngine create(FrameOutput output);
  }

  /**
   * A connection; {@link #run()} serves it until it closes.
   *
   * @param socket the accepted socket
   * @param engineFactory makes the connection's engine
   * @param onClose called once the connection is closed
   */
  public TcpSerialConnection(Socket socket, EngineFactory engineFactory, Runnable onClose) {
    this.socket = Objects.requireNonNull(socket, "socket");
    this.engineFactory = Objects.requireNonNull(engineFactory, "engineFactory");
    this.onClose = Objects.requireNonNull(onClose, "onClose");
  }

  /** The socket. */
  public Socket socket() {
    return socket;
  }

  @Override
  public void run() {
    try (SerialEngine engine = engineFactory.create(new SocketOutput(socket))) {
      serve(engine);
    } catch (IOException e) {
      if (!stopping) {
        LOG.debug("RTU-over-TCP connection {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("RTU-over-TCP connection {} failed", socket.getRemoteSocketAddress(), e);
    } finally {
      closeQuietly();
      onClose.run();
    }
  }

  private void serve(SerialEngine engine) throws IOException, InterruptedException {
    socket.setTcpNoDelay(true);
    InputStream in = socket.getInputStream();
    FaultSession session = engine.faultSession();
    long idleClose = session.idleCloseNanos();
    long lastActivity = System.nanoTime();
    byte[] buffer = new byte[4096];
    while (!stopping && !engine.isClosed()) {
      if (engine.isHeld()) {
        // A hung device: read nothing, answer nothing, keep the socket until the server stops.
        TimeUnit.MILLISECONDS.sleep(100);
        continue;
      }
      long now = System.nanoTime();
      long deadline = engine.idleDeadlineNanos();
      if (idleClose >= 0) {
        deadline = Math.min(deadline, lastActivity + idleClose);
      }
      long waitMillis = deadline == Long.MAX_VALUE
          ? MAX_WAIT_MILLIS
          : Math.max(1, Math.min(MAX_WAIT_MILLIS, TimeUnit.NANOSECONDS.toMillis(deadline - now) + 1));
      socket.setSoTimeout((int) waitMillis);
      int n;
      try {
        n = in.read(buffer);
      } catch (SocketTimeoutException e) {
        now = System.nanoTime();
        engine.idle(now);
        if (idleClose >= 0 && now - lastActivity >= idleClose) {
          ConnectionDirective directive = session.idleCloseDirective();
          LOG.debug("Closing idle connection {} ({})", socket.getRemoteSocketAddress(), directive);
          if (directive == ConnectionDirective.CLOSE_RST) {
            socket.setSoLinger(true, 0);
          }
          return;
        }
        continue;
      }
      if (n < 0) {
        // The peer finished sending: a last frame of unknown length ends here.
        long pending = engine.idleDeadlineNanos();
        if (pending != Long.MAX_VALUE) {
          engine.idle(pending);
        }
        return;
      }
      lastActivity = System.nanoTime();
      engine.receive(buffer, 0, n, lastActivity);
    }
  }

  /** Closes the socket, ending {@link #run()}. */
  public void stop() {
    stopping = true;
    closeQuietly();
  }

  /** Closes gracefully (FIN), as the fault pipeline's evict-oldest asks. */
  public void closeGracefully() {
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.trace("close failed", e);
    }
  }

  /** Responses go to the socket, one flush per segment. */
  private record SocketOutput(Socket socket) implements FrameOutput {
    @Override
    public void send(byte[] bytes, int offset, int length) throws IOException {
      OutputStream out = socket.getOutputStream();
      out.write(bytes, offset, length);
      out.flush();
    }

    @Override
    public void closeConnection(boolean reset) throws IOException {
      if (reset) {
        socket.setSoLinger(true, 0);
      }
      socket.close();
    }
  }
}
