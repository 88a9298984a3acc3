package dev.modbustoolkit.server.rtu.internal;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import dev.modbustoolkit.serial.SerialLineSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A jSerialComm port. Reads are semi-blocking with a 100 ms timeout (jSerialComm's floor on Linux, where it maps
 * to VTIME): a read returns as soon as at least one byte is there, so arrival times stay precise, and the timeout
 * only bounds how long closing waits. Writes block until the bytes have left (tcdrain).
 */
public final class JSerialCommPort implements PortHandle {
  /** The read timeout: only bounds shutdown, never used for framing. */
  static final int READ_TIMEOUT_MILLIS = 100;

  // Linux /dev/pts/N, macOS /dev/ttysNNN, BSD /dev/ttypN.
  private static final Pattern PSEUDO_TERMINAL = Pattern.compile("/dev/(pts/\\d+|ttys\\d+|ttyp\\w+)");

  private final String name;
  private final SerialPort port;
  private final boolean pseudoTerminal;

  private JSerialCommPort(String name, SerialPort port, boolean pseudoTerminal) {
    this.name = name;
    this.port = port;
    this.pseudoTerminal = pseudoTerminal;
  }

  /**
   * The port for a device path (symlinks such as socat's {@code link=} or /dev/serial/by-id/... are followed).
   *
   * @throws IOException when the path names no device jSerialComm can use
   */
  public static JSerialCommPort of(String name) throws IOException {
    String real = name;
    try {
      real = Path.of(name).toRealPath().toString();
    } catch (IOException | RuntimeException e) {
      // Not a file path (a Windows COM name, or a device that does not exist yet): let jSerialComm decide.
    }
    if (!Files.exists(Path.of(real)) && real.startsWith("/")) {
      throw new IOException("serial device " + name + " does not exist");
    }
    try {
      SerialPort port = SerialPort.getCommPort(real);
      return new JSerialCommPort(name, port, PSEUDO_TERMINAL.matcher(real).matches());
    } catch (SerialPortInvalidPortException e) {
      throw new IOException("serial device " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isPseudoTerminal() {
    return pseudoTerminal;
  }

  @Override
  public boolean open(SerialLineSettings settings) {
    port.setComPortParameters(
        settings.baudRate(),
        settings.dataBits(),
        switch (settings.stopBits()) {
          case ONE -> SerialPort.ONE_STOP_BIT;
          case TWO -> SerialPort.TWO_STOP_BITS;
        },
        switch (settings.parity()) {
          case NONE -> SerialPort.NO_PARITY;
          case EVEN -> SerialPort.EVEN_PARITY;
          case ODD -> SerialPort.ODD_PARITY;
        });
    port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    setTimeouts();
    return port.openPort();
  }

  @Override
  public boolean openUnconfigured() {
    port.disablePortConfiguration();
    setTimeouts();
    // Without configuration jSerialComm does not apply the timeouts at open: apply them now (VMIN/VTIME only).
    return port.openPort() && setTimeouts();
  }

  private boolean setTimeouts() {
    return port.setComPortTimeouts(
        SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, READ_TIMEOUT_MILLIS, 0);
  }

  @Override
  public String lastError() {
    return "errno " + port.getLastErrorCode() + " at jSerialComm native line " + port.getLastErrorLocation();
  }

  @Override
  public int read(byte[] buffer) throws IOException {
    return port.readBytes(buffer, buffer.length);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    int done = 0;
    while (done < length) {
      int n = port.writeBytes(bytes, length - done, offset + done);
      if (n < 0) {
        throw new IOException("write to " + name + " failed: " + lastError());
      }
      done += n;
    }
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
