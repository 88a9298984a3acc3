package dev.modbustoolkit.transport.internal;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/** A reused second view of a connection's input buffer, so a PDU is handed out without a slice per request. */
public final class Views {
  private Views() {}

  /** {@code view} when it is a view of {@code in}'s array, else a new duplicate of {@code in} (once per connection). */
  public static ByteBuffer of(@Nullable ByteBuffer view, ByteBuffer in) {
    if (view != null && view.array() == in.array()) {
      return view;
    }
    return in.duplicate();
  }
}
