package dev.modbustoolkit.server.rtu.internal;

/** Receives a framer's events, on the thread that fed the framer. */
@FunctionalInterface
public interface FramerListener {
  /** One event; called in bus order. */
  void onEvent(FramerEvent event);
}
