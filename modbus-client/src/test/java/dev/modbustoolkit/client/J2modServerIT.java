package dev.modbustoolkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client against j2mod 3.3's TCP slave (test scope, from Maven Central): the table function codes with their
 * values and exceptions, a slow answer that times out and then arrives late (dropped, counted, never given to the
 * next request), and reconnect after the slave is closed and opened again on the same port.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class J2modServerIT {
  /** Reading holding register 99 takes this long (j2mod answers one request of a connection at a time). */
  private static final long SLOW_MILLIS = 1500;

  private @Nullable ModbusSlave slave;

  @AfterEach
  void stop() {
    if (slave != null) {
      ModbusSlaveFactory.close(slave);
    }
  }

  /** The shared tables; holding register 99 answers slowly. */
  static SimpleProcessImage image() {
    SimpleProcessImage image = new SimpleProcessImage(1) {
      @Override
      public Register[] getRegisterRange(int offset, int count) {
        if (offset == PeerChecks.SIZE - 1) {
          try {
            Thread.sleep(SLOW_MILLIS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return super.getRegisterRange(offset, count);
      }
    };
    for (int i = 0; i < PeerChecks.SIZE; i++) {
      image.addDigitalOut(new SimpleDigitalOut(PeerChecks.coil(i)));
      image.addDigitalIn(new SimpleDigitalIn(PeerChecks.discrete(i)));
      image.addRegister(new SimpleRegister(PeerChecks.holding(i)));
      image.addInputRegister(new SimpleInputRegister(PeerChecks.input(i)));
    }
    return image;
  }

  private void start(int port) throws Exception {
    slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, false);
    slave.addProcessImage(1, image());
    slave.open();
    PeerChecks.awaitListening(port);
  }

  @Test
  void tablesExceptionsLateAnswerAndReconnect() throws Exception {
    int port = PeerChecks.freePort();
    start(port);
    PeerChecks checks = new PeerChecks("j2mod TCP slave");
    try (ModbusClient client = PeerChecks.tcp(port, Duration.ofMillis(500)).build()) {
      BlockingModbusClient c = client.blocking();
      // j2mod is slow to start its connection thread: the first answer may take longer than the tests' deadline
      awaitFirstAnswer(c);
      checks.tables(c);

      long late = client.metrics().lateAnswers();
      assertThatThrownBy(() -> c.readHoldingRegisters(1, PeerChecks.SIZE - 1, 1))
          .isInstanceOf(ModbusTimeoutException.class);
      DigitalpetriServerIT.awaitLateAnswers(client, late + 1); // j2mod answers one request at a time: wait for it
      assertThat(PeerChecks.unsigned(c.readHoldingRegisters(1, 7, 1).values()))
          .containsExactly(PeerChecks.holding(7));
      checks.ran("timeout, late answer dropped");

      checks.reconnect(client, new PeerChecks.Restartable() {
        @Override
        public void stop() {
          ModbusSlaveFactory.close(slave);
          slave = null;
        }

        @Override
        public void start() throws Exception {
          J2modServerIT.this.start(port);
        }
      });
    }
    assertThat(checks.report()).isEqualTo(12 + 2);
  }

  static void awaitFirstAnswer(BlockingModbusClient c) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        c.readHoldingRegisters(1, 0, 1);
        return;
      } catch (ModbusTimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
