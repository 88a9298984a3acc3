package dev.modbustoolkit.simulator;

import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP reloads the fault file and the profile ({@link Simulator#reload()}), as {@code POST /api/reload} does, where
 * the JVM has {@code sun.misc.Signal} and the platform has SIGHUP; elsewhere it says so in the log and goes on.
 */
final class Reload {
  private static final Logger LOG = LoggerFactory.getLogger(Reload.class);

  private Reload() {}

  /** Installs the handler; the outcome of each reload is printed on {@code out}. */
  static void onSighup(Simulator simulator, PrintStream out) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
        try {
          ReloadResult r = simulator.reload();
          out.println("SIGHUP: reloaded: " + (r.faults() < 0 ? "no fault file" : r.faults() + " faults")
              + ", profile " + r.profile().name().toLowerCase(java.util.Locale.ROOT));
        } catch (ReloadException e) {
          out.println("SIGHUP: reload refused, the running configuration is kept: " + e.getMessage());
        }
        out.flush();
      });
    } catch (IllegalArgumentException | LinkageError | UnsupportedOperationException e) {
      // Windows has no SIGHUP; a JVM without jdk.unsupported has no sun.misc.Signal.
      LOG.info("SIGHUP reload not available here ({}); POST /api/reload still works", e.toString());
    }
  }
}
