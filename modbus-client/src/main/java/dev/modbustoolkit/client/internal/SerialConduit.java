package dev.modbustoolkit.client.internal;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import dev.modbustoolkit.serial.Parity;
import dev.modbustoolkit.serial.SerialLineSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A serial port through jSerialComm, as the master uses it: the line quiet for {@code t3.5} before each request
 * (Serial Line V1.02 §2.5.1.1; the engine keeps one request outstanding per bus, having no transaction ids), reads
 * that return at the first byte or after a 100 ms poll (jSerialComm's floor on Linux, VTIME), so the reader can
 * end a frame at silence, and optionally the local echo of an RS-485 adapter dropped before the framing sees it.
 *
 * <p>The client's own small wrapper, not modbus-server-rtu's port classes: those are internal to the server module
 * and moving them to a shared place would take a new module for some sixty lines. Like the server it tolerates a
 * pseudo-terminal (a socat pair in tests) that refuses a parity it would ignore anyway.
 */
public final class SerialConduit implements Conduit {
  private static final Logger LOG = LoggerFactory.getLogger(SerialConduit.class);
  /** The read poll: bounds how long a read waits for a first byte, and so how late a silence is noticed. */
  static final int READ_TIMEOUT_MILLIS = 100;
  // Linux /dev/pts/N, macOS /dev/ttysNNN, BSD /dev/ttypN.
  private static final Pattern PSEUDO_TERMINAL = Pattern.compile("/dev/(pts/\\d+|ttys\\d+|ttyp\\w+)");

  private final String name;
  private final SerialPort port;
  private final long quietBeforeRequestNanos;
  private final long silenceNanos;
  private final boolean suppressEcho;
  private final byte[] readBuffer = new byte[1024];
  private volatile long lastActivityNanos = System.nanoTime();

  // The request whose echo is still expected, and how much of it came back; written by the writer, consumed by
  // the reader.
  private final ReentrantLock echoLock = new ReentrantLock();
  private final byte[] echo = new byte[1024];
  private int echoLength;
  private int echoMatched;

  private SerialConduit(String name, SerialPort port, long quietBeforeRequestNanos, long silenceNanos,
      boolean suppressEcho) {
    this.name = name;
    this.port = port;
    this.quietBeforeRequestNanos = quietBeforeRequestNanos;
    this.silenceNanos = silenceNanos;
    this.suppressEcho = suppressEcho;
  }

  /**
   * {@return an opener of the serial port {@code name}}
   *
   * @param name the device: {@code /dev/ttyUSB0}, a symlink such as {@code /dev/serial/by-id/...} or a pty's, or
   *     {@code COM3}
   * @param line the line settings
   * @param quietBeforeRequestNanos how long the line must have been quiet before a request is sent (t3.5 in RTU
   *     mode, 0 in ASCII mode)
   * @param silenceNanos how long a silence ends a frame (t3.5 and a tolerance in RTU mode), or -1 for never
   * @param suppressEcho whether the port hears its own transmissions (an RS-485 adapter with local echo), which
   *     are then dropped
   */
  public static Opener opener(String name, SerialLineSettings line, long quietBeforeRequestNanos,
      long silenceNanos, boolean suppressEcho) {
    return new Opener() {
      @Override
      public Conduit open() throws IOException {
        return SerialConduit.open(name, line, quietBeforeRequestNanos, silenceNanos, suppressEcho);
      }

      @Override
      public String describe() {
        return name;
      }
    };
  }

  private static SerialConduit open(String name, SerialLineSettings line, long quietBeforeRequestNanos,
      long silenceNanos, boolean suppressEcho) throws IOException {
    String real = name;
    try {
      real = Path.of(name).toRealPath().toString();
    } catch (IOException | RuntimeException e) {
      // Not a file path (a Windows COM name, or a device that is not there yet): let jSerialComm decide.
    }
    if (real.startsWith("/") && !Files.exists(Path.of(real))) {
      throw new IOException("serial device " + name + " does not exist");
    }
    SerialPort port;
    try {
      port = SerialPort.getCommPort(real);
    } catch (SerialPortInvalidPortException e) {
      throw new IOException("serial device " + name + ": " + e.getMessage(), e);
    }
    boolean pty = PSEUDO_TERMINAL.matcher(real).matches();
    if (!configureAndOpen(port, line)) {
      String error = lastError(port);
      // A pty has no line: the kernel ignores parity, and some refuse a settings call that only changes it.
      boolean opened = pty && (line.parity() != Parity.NONE && configureAndOpen(port, line.withParity(Parity.NONE))
          || openUnconfigured(port));
      if (!opened) {
        throw new IOException("cannot open " + name + " at " + line + ": " + error);
      }
      LOG.warn("{} is a pseudo-terminal that refused {} ({}); opened anyway, which makes no difference on a pty",
          name, line, error);
    }
    return new SerialConduit(name, port, quietBeforeRequestNanos, silenceNanos, suppressEcho);
  }

  private static boolean configureAndOpen(SerialPort port, SerialLineSettings line) {
    port.setComPortParameters(line.baudRate(), line.dataBits(),
        switch (line.stopBits()) {
          case ONE -> SerialPort.ONE_STOP_BIT;
          case TWO -> SerialPort.TWO_STOP_BITS;
        },
        switch (line.parity()) {
          case NONE -> SerialPort.NO_PARITY;
          case EVEN -> SerialPort.EVEN_PARITY;
          case ODD -> SerialPort.ODD_PARITY;
        });
    port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    setTimeouts(port);
    return port.openPort();
  }

  private static boolean openUnconfigured(SerialPort port) {
    port.disablePortConfiguration();
    // Without configuration jSerialComm does not apply the timeouts at open: apply them after it.
    return port.openPort() && setTimeouts(port);
  }

  private static boolean setTimeouts(SerialPort port) {
    return port.setComPortTimeouts(
        SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, READ_TIMEOUT_MILLIS, 0);
  }

  private static String lastError(SerialPort port) {
    return "errno " + port.getLastErrorCode() + " at jSerialComm native line " + port.getLastErrorLocation();
  }

  @Override
  public int read(ByteBuffer into) throws IOException {
    while (true) {
      int n = port.readBytes(readBuffer, Math.min(readBuffer.length, into.remaining()));
      if (n < 0) {
        if (!port.isOpen()) {
          return -1;
        }
        throw new IOException("read from " + name + " failed: " + lastError(port));
      }
      if (n == 0) {
        return 0;
      }
      lastActivityNanos = System.nanoTime();
      int echoed = suppressEcho ? dropEcho(n) : 0;
      if (n > echoed) {
        into.put(readBuffer, echoed, n - echoed);
        return n - echoed;
      }
      // All of it was our own request coming back: read on.
    }
  }

  /** {@return how many of the {@code n} bytes just read are the echo of the last request} */
  private int dropEcho(int n) {
    echoLock.lock();
    try {
      int dropped = 0;
      while (echoMatched < echoLength && dropped < n) {
        if (readBuffer[dropped] != echo[echoMatched]) {
          // Not our echo (an adapter without one, or a collision): stop expecting it, pass everything on.
          LOG.debug("{}: expected the echo of the request, got other bytes after {} of {}", name, echoMatched,
              echoLength);
          echoLength = 0;
          echoMatched = 0;
          return 0;
        }
        dropped++;
        echoMatched++;
      }
      return dropped;
    } finally {
      echoLock.unlock();
    }
  }

  @Override
  public void write(ByteBuffer frame) throws IOException {
    // The line must have been quiet for t3.5 since the last byte either way, or the devices would take the
    // request for the tail of the previous frame.
    long wait;
    while ((wait = lastActivityNanos + quietBeforeRequestNanos - System.nanoTime()) > 0) {
      LockSupport.parkNanos(wait);
    }
    int length = frame.remaining();
    byte[] bytes;
    int offset;
    if (frame.hasArray()) {
      bytes = frame.array();
      offset = frame.arrayOffset() + frame.position();
      frame.position(frame.limit());
    } else {
      bytes = new byte[length];
      offset = 0;
      frame.get(bytes);
    }
    if (suppressEcho) {
      echoLock.lock();
      try {
        System.arraycopy(bytes, offset, echo, 0, Math.min(length, echo.length));
        echoLength = Math.min(length, echo.length);
        echoMatched = 0;
      } finally {
        echoLock.unlock();
      }
    }
    int done = 0;
    while (done < length) {
      int n = port.writeBytes(bytes, length - done, offset + done);
      if (n < 0) {
        throw new IOException("write to " + name + " failed: " + lastError(port));
      }
      done += n;
    }
    lastActivityNanos = System.nanoTime();
  }

  @Override
  public boolean datagrams() {
    return false;
  }

  @Override
  public long interFrameSilenceNanos() {
    return silenceNanos;
  }

  @Override
  public void close() {
    port.closePort();
  }

  @Override
  public String toString() {
    return name;
  }
}
