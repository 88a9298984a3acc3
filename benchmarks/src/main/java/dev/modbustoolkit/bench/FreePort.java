package dev.modbustoolkit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A loopback port free right now, for servers that cannot bind port 0 and report the port they got. */
public final class FreePort {
  private FreePort() {}

  /** Binds port 0 on loopback, notes the port and releases it (a small race, acceptable in a benchmark). */
  public static int find() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
