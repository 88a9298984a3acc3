package dev.modbustoolkit.server.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.fault.FrameFormat;
import dev.modbustoolkit.fault.Transport;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.transport.FrameCodec;
import dev.modbustoolkit.transport.FrameCodecs;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A framing of the user's own on the TCP listener (Builder.codec): the server frames connections with it, one codec
 * per connection, in both I/O modes. The codec here is written outside the toolkit's packages, against the public
 * FrameCodec SPI only: it delegates to MBAP and counts what it is asked.
 */
class CustomCodecIT {
  static final AtomicInteger made = new AtomicInteger();
  static final AtomicInteger scans = new AtomicInteger();
  static final AtomicInteger seals = new AtomicInteger();

  /** MBAP, counted. */
  static final class CountingCodec implements FrameCodec {
    private final FrameCodec mbap = FrameCodecs.mbap();

    CountingCodec() {
      made.incrementAndGet();
    }

    @Override public Transport transport() { return mbap.transport(); }
    @Override public FrameFormat faultFormat() { return mbap.faultFormat(); }
    @Override public boolean busAddressing() { return mbap.busAddressing(); }
    @Override public int maxFrameLength() { return mbap.maxFrameLength(); }
    @Override public int unitId(ByteBuffer in, int start) { return mbap.unitId(in, start); }
    @Override public int transactionId(ByteBuffer in, int start) { return mbap.transactionId(in, start); }
    @Override public ByteBuffer pdu(ByteBuffer in, int start, int frameLength) { return mbap.pdu(in, start, frameLength); }
    @Override public int headerLength() { return mbap.headerLength(); }

    @Override
    public int scan(ByteBuffer in) {
      scans.incrementAndGet();
      return mbap.scan(in);
    }

    @Override
    public int seal(ByteBuffer out, int headerAt, int transactionId, int unitId, int pduLength) {
      seals.incrementAndGet();
      return mbap.seal(out, headerAt, transactionId, unitId, pduLength);
    }
  }

  @ParameterizedTest
  @EnumSource(IoMode.class)
  void aCodecOfOnesOwnFramesEveryConnection(IoMode mode) throws Exception {
    made.set(0);
    scans.set(0);
    seals.set(0);
    DataModel model = DataModel.dense();
    model.holdingRegisters().set(4, 0x1234);
    try (ModbusTcpServer server = ModbusTcpServer.builder(
            ModbusDispatcher.builder().unit(1, RegisterDevice.of(model)).build())
        .bindAddress("127.0.0.1").port(0).ioMode(mode).codec(CountingCodec::new).build().start()) {
      assertThat(server.framing()).isNull();
      for (int c = 0; c < 2; c++) {
        try (RawClient client = RawClient.connect(server.localAddress())) {
          RawClient.Frame answer = client.call(7, 1, RawClient.readHolding(4, 1));
          assertThat(answer.transactionId()).isEqualTo(7);
          assertThat(answer.pdu()).containsExactly(0x03, 0x02, 0x12, 0x34);
        }
      }
    }
    assertThat(made.get()).isEqualTo(2);
    assertThat(scans.get()).isGreaterThanOrEqualTo(2);
    assertThat(seals.get()).isEqualTo(2);
  }
}
