package dev.modbustoolkit.server.rtu.internal;

import dev.modbustoolkit.server.rtu.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Records what the engine writes, with the fake time of each write. */
final class RecordingOutput implements FrameOutput {
  record Write(byte[] bytes, long atNanos) {
    @Override
    public String toString() {
      return Bytes.hex(bytes) + " @" + atNanos;
    }
  }

  private final FakeClock clock;
  final List<Write> writes = new ArrayList<>();

  RecordingOutput(FakeClock clock) {
    this.clock = clock;
  }

  @Override
  public void send(byte[] bytes, int offset, int length) {
    writes.add(new Write(Arrays.copyOfRange(bytes, offset, offset + length), clock.nanoTime()));
  }

  List<String> hex() {
    return writes.stream().map(w -> Bytes.hex(w.bytes())).toList();
  }
}
