package dev.modbustoolkit.server.tcp.internal;

import dev.modbustoolkit.server.tcp.ServerEvent;
import dev.modbustoolkit.server.tcp.ServerEventListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to the listeners, isolating the server from listeners that throw. */
final class EventPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

  private final List<ServerEventListener> listeners;

  EventPublisher(List<ServerEventListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  boolean hasListeners() {
    return !listeners.isEmpty();
  }

  void publish(ServerEvent event) {
    for (ServerEventListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("Server event listener {} failed on {}", listener, event, e);
      }
    }
  }
}
