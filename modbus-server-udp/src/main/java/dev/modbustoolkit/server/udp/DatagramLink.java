package dev.modbustoolkit.server.udp;

import dev.modbustoolkit.transport.Link;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** One peer of the UDP socket as the fault interpreter sends to it: each segment one datagram. */
record DatagramLink(DatagramChannel channel, InetSocketAddress peer, UdpCounters counters) implements Link {
  @Override
  public void send(byte[] bytes, int offset, int length) throws IOException {
    channel.send(ByteBuffer.wrap(bytes, offset, length), peer);
    counters.sent(length);
  }
}
