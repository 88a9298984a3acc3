package dev.modbustoolkit.server.rtu;

import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.serial.SerialMode;
import static dev.modbustoolkit.server.rtu.Bytes.rtu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.rtu.internal.PortHandle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server's threads on an in-memory port: start, serve, overrun-free delivery, close. */
@Timeout(20)
class ModbusRtuServerTest {

  /** A port fed from a queue, recording writes. */
  static final class MemoryPort implements PortHandle {
    final BlockingQueue<byte[]> input = new LinkedBlockingQueue<>();
    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    volatile boolean closed;
    volatile boolean refuse;

    @Override
    public String name() {
      return "memory";
    }

    @Override
    public boolean isPseudoTerminal() {
      return false;
    }

    @Override
    public boolean open(SerialLineSettings settings) {
      return !refuse;
    }

    @Override
    public boolean openUnconfigured() {
      return false;
    }

    @Override
    public String lastError() {
      return "refused";
    }

    @Override
    public int read(byte[] buffer) throws IOException {
      if (closed) {
        return -1;
      }
      try {
        byte[] chunk = input.poll(100, TimeUnit.MILLISECONDS);
        if (chunk == null) {
          return 0;
        }
        System.arraycopy(chunk, 0, buffer, 0, chunk.length);
        return chunk.length;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
      written.write(bytes, offset, length);
      notifyAll();
    }

    synchronized byte[] awaitWritten(int length) throws InterruptedException {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (written.size() < length && System.nanoTime() < end) {
        wait(50);
      }
      return written.toByteArray();
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  final RegisterDevice device = RegisterDevice.of(DataModel.dense());
  final ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, device).build();
  final MemoryPort port = new MemoryPort();

  @Test
  void servesRequestsArrivingInPiecesAndStopsOnClose() throws Exception {
    device.dataModel().holdingRegisters().set(3, 0xBEEF);
    ModbusRtuServer server = ModbusRtuServer.builder(dispatcher).port("memory").portFactory(n -> port).build();
    assertThat(server.isRunning()).isFalse();
    server.start();
    assertThat(server.isRunning()).isTrue();
    assertThat(server.appliedLineSettings()).isEqualTo(SerialLineSettings.RTU_DEFAULT);
    byte[] request = rtu("01 03 00 03 00 01");
    port.input.add(java.util.Arrays.copyOfRange(request, 0, 3));
    port.input.add(java.util.Arrays.copyOfRange(request, 3, 8));
    byte[] expected = rtu("01 03 02 BE EF");
    assertThat(port.awaitWritten(expected.length)).isEqualTo(expected);
    server.close();
    // counted after the write returned: read once the threads have stopped
    assertThat(server.statistics().responsesSent()).isEqualTo(1);
    assertThat(server.isRunning()).isFalse();
    assertThat(port.closed).isTrue();
    server.close();
  }

  @Test
  void aPortThatCannotBeOpenedFailsStart() {
    port.refuse = true;
    ModbusRtuServer server = ModbusRtuServer.builder(dispatcher).port("memory").portFactory(n -> port).build();
    assertThatThrownBy(server::start).isInstanceOf(IOException.class).hasMessageContaining("memory");
    assertThat(port.closed).isTrue();
  }

  @Test
  void theBuilderValidates() {
    assertThatThrownBy(() -> ModbusRtuServer.builder(dispatcher).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ModbusRtuServer.builder(dispatcher).port(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModbusRtuServer.builder(dispatcher).port("x")
            .lineSettings(SerialLineSettings.ASCII_DEFAULT).build())
        .hasMessageContaining("8 data bits");
    ModbusRtuServer ascii = ModbusRtuServer.builder(dispatcher).port("x").ascii().build();
    assertThat(ascii.lineSettings()).isEqualTo(SerialLineSettings.ASCII_DEFAULT);
    assertThat(ascii.mode()).isEqualTo(SerialMode.ASCII);
  }
}
