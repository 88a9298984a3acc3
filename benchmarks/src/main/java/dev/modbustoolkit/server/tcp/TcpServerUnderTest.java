package dev.modbustoolkit.server.tcp;

import com.digitalpetri.modbus.server.ProcessImage;
import com.digitalpetri.modbus.server.ReadWriteModbusServices;
import com.digitalpetri.modbus.tcp.server.NettyTcpServerTransport;
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
 * The servers {@link TcpEndToEndBenchmark} compares, each in its documented default configuration, serving unit 1
 * with holding registers 0..{@value #REGISTERS} - 1 holding their address.
 */
public enum TcpServerUnderTest {
  /**
   * This project's server: {@link ModbusTcpServer} with a {@link RegisterDevice} on {@link DataModel#dense()}, in
   * its default {@link IoMode#EVENT_LOOP} mode.
   */
  MODBUS_TOOLKIT {
    @Override
    Running start() throws Exception {
      return startToolkit(IoMode.EVENT_LOOP);
    }
  },
  /** This project's server with one virtual thread per connection ({@link IoMode#THREAD_PER_CONNECTION}). */
  MODBUS_TOOLKIT_THREADS {
    @Override
    Running start() throws Exception {
      return startToolkit(IoMode.THREAD_PER_CONNECTION);
    }
  },

  /** digitalpetri modbus 2.1.4: Netty transport, {@link ReadWriteModbusServices} over a {@link ProcessImage}. */
  DIGITALPETRI {
    @Override
    Running start() throws Exception {
      ProcessImage image = new ProcessImage();
      image.with(tx -> tx.writeHoldingRegisters(registers -> {
        for (int i : sequence()) {
          registers.put(i, new byte[] {(byte) (i >> 8), (byte) i});
        }
      }));
      ReadWriteModbusServices services = new ReadWriteModbusServices() {
        @Override
        protected Optional<ProcessImage> getProcessImage(int unitId) {
          return Optional.of(image);
        }
      };
      int port = FreePort.find();
      NettyTcpServerTransport transport = NettyTcpServerTransport.create(cfg -> {
        cfg.setBindAddress("127.0.0.1");
        cfg.setPort(port);
      });
      com.digitalpetri.modbus.server.ModbusTcpServer server =
          com.digitalpetri.modbus.server.ModbusTcpServer.create(transport, services);
      server.start();
      return new Running(port, server::stop);
    }
  },

  /** j2mod 3.3.0: its TCP slave (a thread per connection from a pool of 64) over a {@link SimpleProcessImage}. */
  J2MOD {
    @Override
    Running start() throws Exception {
      SimpleProcessImage image = new SimpleProcessImage(1);
      for (int i : sequence()) {
        image.addRegister(new SimpleRegister(i));
      }
      int port = FreePort.find();
      ModbusSlave slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 64, false);
      slave.addProcessImage(1, image);
      slave.open();
      return new Running(port, () -> ModbusSlaveFactory.close(slave));
    }
  };

  static final int REGISTERS = 200;

  /** Starts the server on a free loopback port. */
  abstract Running start() throws Exception;

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

  private static Running startToolkit(IoMode mode) throws Exception {
    DataModel model = DataModel.dense();
    model.holdingRegisters().setRange(0, sequence());
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, RegisterDevice.of(model)).build();
    ModbusTcpServer server = ModbusTcpServer.builder(dispatcher)
        .bindAddress(InetAddress.getLoopbackAddress())
        .port(0)
        .jmxEnabled(false)
        .ioMode(mode)
        .build()
        .start();
    return new Running(server.localAddress().getPort(), server::close);
  }
}
