package dev.modbustoolkit.fault.internal;

import dev.modbustoolkit.fault.Segment;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collects bytes and pauses into segments: bytes written with no pause in between join the current segment, and
 * a pause followed by no bytes is dropped, so plans stay minimal.
 */
final class SegmentBuilder {
  private final List<Segment> segments = new ArrayList<>();
  private @Nullable ByteArrayOutputStream current;
  private long currentDelay;
  private long pending;

  void delay(long nanos) {
    pending += nanos;
  }

  void write(byte[] bytes, int from, int to) {
    if (to <= from) {
      return;
    }
    if (current == null || pending > 0) {
      finishCurrent();
      current = new ByteArrayOutputStream(to - from);
      currentDelay = pending;
      pending = 0;
    }
    current.write(bytes, from, to - from);
  }

  void write(byte[] bytes) {
    write(bytes, 0, bytes.length);
  }

  List<Segment> build() {
    finishCurrent();
    return segments;
  }

  private void finishCurrent() {
    if (current != null) {
      segments.add(new Segment(current.toByteArray(), currentDelay));
      current = null;
    }
  }
}
