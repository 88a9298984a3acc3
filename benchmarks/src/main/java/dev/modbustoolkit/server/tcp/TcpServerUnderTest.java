package dev.modbustoolkit.server.tcp;

import com.digitalpetri.modbus.server.ProcessImage;
import com.digitalpetri.modbus.server.ReadWriteModbusServices;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import dev.modbustoolkit.bench.FreePort;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The servers {@link TcpEndToEndBenchmark} compares (and {@link LoadTarget} runs for {@code compare.sh}), each in
 * its documented default configuration, serving unit 1 with holding registers 0..{@value #REGISTERS} - 1 holding
 * their address and coils 0..{@value #REGISTERS} - 1 on where {@code address % 3 == 0}: the values
 * {@code loadgen -V 1} checks.
 */
public enum TcpServerUnderTest {
  /**
   * This project's server: {@link ModbusTcpServer} with a {@link RegisterDevice} on {@link DataModel#dense()}, in
   * its default {@link IoMode#EVENT_LOOP} mode.
   */
  MODBUS_TOOLKIT {
    @Override
    Running start(int port) throws Exception {
      return startToolkit(IoMode.EVENT_LOOP, port);
    }
  },
  /** This project's server with one virtual thread per connection ({@link IoMode#THREAD_PER_CONNECTION}). */
  MODBUS_TOOLKIT_THREADS {
    @Override
    Running start(int port) throws Exception {
      return startToolkit(IoMode.THREAD_PER_CONNECTION, port);
    }
  },

  /** digitalpetri modbus 2.1.4: Netty transport, {@link ReadWriteModbusServices} over a {@link ProcessImage}. */
  DIGITALPETRI {
    @Override
    Running start(int port) throws Exception {
      ProcessImage image = new ProcessImage();
      image.with(tx -> {
        tx.writeHoldingRegisters(registers -> {
          for (int i : sequence()) {
            registers.put(i, new byte[] {(byte) (i >> 8), (byte) i});
          }
        });
        tx.writeCoils(coils -> {
          for (int i : sequence()) {
            coils.put(i, coil(i));
          }
        });
      });
      ReadWriteModbusServices services = new ReadWriteModbusServices() {
        @Override
        protected Optional<ProcessImage> getProcessImage(int unitId) {
          return Optional.of(image);
        }
      };
      int bound = portOrFree(port);
      NettyTcpServerTransport transport = NettyTcpServerTransport.create(cfg -> {
        cfg.setBindAddress("127.0.0.1");
        cfg.setPort(bound);
      });
      com.digitalpetri.modbus.server.ModbusTcpServer server =
          com.digitalpetri.modbus.server.ModbusTcpServer.create(transport, services);
      server.start();
      return new Running(bound, server::stop);
    }
  },

  /**
   * j2mod 3.3.0: its TCP slave (a thread per connection from a pool of {@value #J2MOD_POOL}) over a
   * {@link SimpleProcessImage}.
   */
  J2MOD {
    @Override
    Running start(int port) throws Exception {
      return startJ2mod(port, J2MOD_POOL);
    }
  };

  /** Registers and coils each server holds from address 0: covers every request of {@code compare.sh}. */
  static final int REGISTERS = 10_000;

  /**
   * j2mod's pool size in the benchmark: a pooled thread serves one connection until it closes, so this caps the
   * connections served at once (enough for the benchmark's 16).
   */
  static final int J2MOD_POOL = 64;

  /** Starts the server on loopback port {@code port}, or on a free one if {@code port} is 0. */
  abstract Running start(int port) throws Exception;

  /**
   * Starts j2mod's TCP slave with {@code poolSize} connection threads: j2mod starts them all at once and a
   * connection beyond them waits, unanswered, until one closes.
   */
  static Running startJ2mod(int port, int poolSize) throws Exception {
    SimpleProcessImage image = new SimpleProcessImage(1);
    for (int i : sequence()) {
      image.addRegister(new SimpleRegister(i));
      image.addDigitalOut(new SimpleDigitalOut(coil(i)));
    }
    int bound = portOrFree(port);
    ModbusSlave slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), bound, poolSize, false);
    slave.addProcessImage(1, image);
    slave.open();
    return new Running(bound, () -> ModbusSlaveFactory.close(slave));
  }

  // digitalpetri and j2mod cannot bind port 0 and report the port they got.
  private static int portOrFree(int port) {
    return port == 0 ? FreePort.find() : port;
  }

  private static boolean coil(int address) {
    return address % 3 == 0;
  }

  private static boolean[] coils() {
    boolean[] values = new boolean[REGISTERS];
    for (int i = 0; i < REGISTERS; i++) {
      values[i] = coil(i);
    }
    return values;
  }

  private static int[] sequence() {
    int[] values = new int[REGISTERS];
    for (int i = 0; i < REGISTERS; i++) {
      values[i] = i;
    }
    return values;
  }

  /** A started server: its port and how to stop it. */
  record Running(int port, AutoCloseable stopper) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      stopper.close();
    }
  }

  private static Running startToolkit(IoMode mode, int port) throws Exception {
    DataModel model = DataModel.dense();
    model.holdingRegisters().setRange(0, sequence());
    model.coils().setBits(0, coils());
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, RegisterDevice.of(model)).build();
    ModbusTcpServer server = ModbusTcpServer.builder(dispatcher)
        .bindAddress(InetAddress.getLoopbackAddress())
        .port(port)
        .jmxEnabled(false)
        .ioMode(mode)
        .build()
        .start();
    return new Running(server.localAddress().getPort(), server::close);
  }
}
