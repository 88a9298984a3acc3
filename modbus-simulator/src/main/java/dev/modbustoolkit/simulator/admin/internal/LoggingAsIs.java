package dev.modbustoolkit.simulator.admin.internal;

import io.helidon.logging.common.spi.LoggingProvider;

/**
 * Helidon's logging set-up, declined: Helidon looks for a {@link LoggingProvider} when its web server starts and,
 * finding none, prints "There is no Helidon logging implementation on classpath" on standard output, among the
 * simulator's own start lines. Helidon's providers configure JUL, Log4j or SLF4J backends from Helidon's files; the
 * simulator keeps the logging it has (slf4j-simple for its own lines, JUL at WARNING for Helidon's), so this
 * provider does nothing, and being there is its whole job.
 */
public final class LoggingAsIs implements LoggingProvider {
  /** Called by the service loader. */
  public LoggingAsIs() {}

  @Override
  public void initialization() {}

  @Override
  public void runTime() {}
}
