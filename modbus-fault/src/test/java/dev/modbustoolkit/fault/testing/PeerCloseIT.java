package dev.modbustoolkit.fault.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.CloseMode;
import dev.modbustoolkit.fault.ConnectionDirective;
import dev.modbustoolkit.fault.ConnectionInfo;
import dev.modbustoolkit.fault.Cut;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.fault.FrameFormat;
import dev.modbustoolkit.fault.RequestInfo;
import dev.modbustoolkit.fault.TransmissionPlan;
import dev.modbustoolkit.fault.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Executes plans on loopback sockets the way the TCP server is meant to, and checks what a client sees: the
 * directive decides FIN vs RST, and drop-mid-frame delivers exactly the partial bytes.
 */
class PeerCloseIT {
  private static final byte[] FRAME = {0x12, 0x34, 0, 0, 0, 7, 0x11, 3, 4, 0, 10, 0, 11};
  private static final FrameFormat MBAP =
      new FrameFormat() {
        @Override
        public int headerLength() {
          return 7;
        }

        @Override
        public int checksumLength() {
          return 0;
        }

        @Override
        public int unitIdOffset() {
          return 6;
        }

        @Override
        public int transactionIdOffset() {
          return 0;
        }

        @Override
        public int lengthFieldOffset() {
          return 4;
        }

        @Override
        public void reseal(byte[] frame, int length) {
          frame[4] = (byte) ((length - 6) >> 8);
          frame[5] = (byte) (length - 6);
        }
      };

  /** Plans FRAME with one fault, executes it on the server side of a loopback connection, observes the client. */
  private static PeerClose.Observation run(ActionSpec action) throws Exception {
    FaultPipeline pipeline = FaultPipeline.create(1);
    pipeline.add(FaultSpec.of("f", action));
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        Socket server = listener.accept()) {
      server.setTcpNoDelay(true);
      var session =
          pipeline.openSession(
              new ConnectionInfo(1, Transport.TCP, (InetSocketAddress) server.getRemoteSocketAddress()));
      TransmissionPlan tp = session.plan(RequestInfo.of(0x11, 3, 0, 2)).transmit(FRAME, FRAME.length, MBAP);
      tp.writeTo(server.getOutputStream());
      execute(tp.after(), server);
      return PeerClose.await(client, Duration.ofMillis(300));
    }
  }

  private static void execute(ConnectionDirective d, Socket server) throws IOException {
    switch (d) {
      case CLOSE_FIN -> server.close();
      case CLOSE_RST -> {
        server.setSoLinger(true, 0);
        server.close();
      }
      case KEEP_OPEN, HOLD_OPEN -> {}
    }
  }

  @Test
  void finIsSeenAsAnOrderlyClose() throws Exception {
    PeerClose.Observation o = run(ActionSpec.CloseConnection.afterRequests(0, CloseMode.FIN));
    assertThat(o.kind()).isEqualTo(PeerClose.Kind.FIN);
    assertThat(o.bytes()).isEqualTo(FRAME);
  }

  @Test
  void rstIsSeenAsAReset() throws Exception {
    assertThat(run(ActionSpec.CloseConnection.afterRequests(0, CloseMode.RST)).kind()).isEqualTo(PeerClose.Kind.RST);
  }

  @Test
  void dropMidFrameDeliversOnlyThePartialBytesThenFin() throws Exception {
    PeerClose.Observation o = run(new ActionSpec.DropMidFrame(new Cut.Bytes(5)));
    assertThat(o.kind()).isEqualTo(PeerClose.Kind.FIN);
    assertThat(o.bytes()).isEqualTo(Arrays.copyOf(FRAME, 5));
  }

  @Test
  void holdOpenKeepsTheConnectionWithoutAnswer() throws Exception {
    PeerClose.Observation o = run(new ActionSpec.HoldOpen());
    assertThat(o.kind()).isEqualTo(PeerClose.Kind.STILL_OPEN);
    assertThat(o.bytes()).isEmpty();
  }
}
