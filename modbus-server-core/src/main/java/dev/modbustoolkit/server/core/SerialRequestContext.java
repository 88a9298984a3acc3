package dev.modbustoolkit.server.core;

import java.util.Objects;

/**
 * A request received on a serial line (RTU or ASCII).
 *
 * @param portName the serial port's name, for handlers and logs
 * @param broadcastAllowed whether a request to unit 0 (broadcast) is executed; either way it is never answered
 */
public record SerialRequestContext(String portName, boolean broadcastAllowed) implements RequestContext {

  /** Rejects a null port name. */
  public SerialRequestContext {
    Objects.requireNonNull(portName, "portName");
  }

  @Override
  public boolean isSerial() {
    return true;
  }
}
