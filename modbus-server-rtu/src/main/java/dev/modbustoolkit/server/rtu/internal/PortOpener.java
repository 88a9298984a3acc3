package dev.modbustoolkit.server.rtu.internal;

import dev.modbustoolkit.serial.Parity;
import dev.modbustoolkit.serial.SerialLineSettings;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a port with the wanted line settings, tolerating pseudo-terminals. A pty has no line, so the kernel
 * ignores parity, and on some kernels a terminal-settings call whose only effective change is the parity fails
 * with EINVAL: a server asked for 8E1 on a pty (a socat pair in tests and simulations) would not start although
 * the setting is meaningless there. So, on a pty only: when opening with parity fails, open without parity, and
 * when even that fails, open leaving the terminal settings alone; warn either way. A real serial port gets no
 * such leniency: a parity that cannot be set there is a real misconfiguration of the bus.
 */
public final class PortOpener {
  private static final Logger LOG = LoggerFactory.getLogger(PortOpener.class);

  private PortOpener() {}

  /**
   * Opens {@code port} with {@code wanted}.
   *
   * @return the settings the line really has (the wanted ones, or without parity after a pty fallback)
   * @throws IOException when the port cannot be opened
   */
  public static SerialLineSettings open(PortHandle port, SerialLineSettings wanted) throws IOException {
    if (port.open(wanted)) {
      if (port.isPseudoTerminal() && wanted.parity() != Parity.NONE) {
        LOG.info("{} is a pseudo-terminal: parity {} is accepted but has no effect", port.name(), wanted.parity());
      }
      return wanted;
    }
    String firstError = port.lastError();
    if (!port.isPseudoTerminal()) {
      throw new IOException("cannot open " + port.name() + " at " + wanted + ": " + firstError);
    }
    if (wanted.parity() != Parity.NONE) {
      SerialLineSettings withoutParity = wanted.withParity(Parity.NONE);
      if (port.open(withoutParity)) {
        LOG.warn("{} is a pseudo-terminal that refused parity {} ({}); opened at {} instead, which makes no "
            + "difference on a pty", port.name(), wanted.parity(), firstError, withoutParity);
        return withoutParity;
      }
    }
    if (port.openUnconfigured()) {
      LOG.warn("{} is a pseudo-terminal that refused the line settings {} ({}); opened with its terminal settings "
          + "unchanged", port.name(), wanted, firstError);
      return wanted;
    }
    throw new IOException("cannot open pseudo-terminal " + port.name() + " at " + wanted + ": " + firstError
        + "; without configuration: " + port.lastError());
  }
}
