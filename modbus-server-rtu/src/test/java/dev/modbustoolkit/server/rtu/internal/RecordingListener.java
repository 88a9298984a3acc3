package dev.modbustoolkit.server.rtu.internal;

import java.util.ArrayList;
import java.util.List;

/** Collects framer events. */
final class RecordingListener implements FramerListener {
  final List<FramerEvent> events = new ArrayList<>();

  @Override
  public void onEvent(FramerEvent event) {
    events.add(event);
  }

  List<FramerEvent.Frame> frames() {
    return events.stream()
        .filter(FramerEvent.Frame.class::isInstance)
        .map(FramerEvent.Frame.class::cast)
        .toList();
  }

  List<FramerEvent.Discarded> discards() {
    return events.stream()
        .filter(FramerEvent.Discarded.class::isInstance)
        .map(FramerEvent.Discarded.class::cast)
        .toList();
  }

  /** The frames as "KIND unit hex-pdu" strings: compact to compare. */
  List<String> frameSummaries() {
    return frames().stream()
        .map(f -> f.kind() + " " + f.unitId() + " " + dev.modbustoolkit.server.rtu.Bytes.hex(f.pdu()))
        .toList();
  }
}
