package dev.modbustoolkit.server.tcp;

/**
 * Receives {@link ServerEvent}s. Called synchronously on the thread where the event happens; an exception thrown
 * by a listener is logged and otherwise ignored, so a faulty listener cannot break the server.
 */
@FunctionalInterface
public interface ServerEventListener {
  /**
   * Handles one event; must be quick and thread-safe.
   *
   * @param event the event
   */
  void onEvent(ServerEvent event);
}
