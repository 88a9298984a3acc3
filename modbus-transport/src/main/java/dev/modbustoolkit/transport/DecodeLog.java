package dev.modbustoolkit.transport;

import dev.modbustoolkit.pdu.ModbusDecodeException;
import dev.modbustoolkit.pdu.ModbusPduCodec;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's traffic log, per layer, switchable while it runs ({@link #setLevel}): the links of a server share one
 * and ask it before each entry, so turning a layer on or off takes effect with the next request. Entries go to the
 * SLF4J logger {@code dev.modbustoolkit.transport.decode} at INFO (asking for them is the opt-in). Nothing is
 * formatted, and nothing allocated, for a layer that is off. Thread-safe.
 */
public final class DecodeLog {
  private static final Logger LOG = LoggerFactory.getLogger("dev.modbustoolkit.transport.decode");
  private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

  private final Consumer<String> sink;
  private volatile DecodeLevel level;

  /**
   * A log at {@code level}.
   *
   * @param level what to log to start with
   */
  public DecodeLog(DecodeLevel level) {
    this(level, LOG::info);
  }

  /**
   * A log writing its entries to {@code sink} instead of SLF4J: a dashboard's tail of recent traffic, a test that
   * reads what a link logged. The sink is called on the threads serving links.
   *
   * @param level what to log to start with
   * @param sink receives each entry, one line, already formatted
   */
  public DecodeLog(DecodeLevel level, Consumer<String> sink) {
    this.level = Objects.requireNonNull(level, "level");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** {@return a log that logs nothing until told to} */
  public static DecodeLog off() {
    return new DecodeLog(DecodeLevel.NOTHING);
  }

  /** {@return what is logged now} */
  public DecodeLevel level() {
    return level;
  }

  /**
   * Changes what is logged, from the next request on.
   *
   * @param newLevel what to log from now on
   */
  public void setLevel(DecodeLevel newLevel) {
    this.level = Objects.requireNonNull(newLevel, "level");
  }

  /**
   * Physical layer: {@code length} bytes of {@code bytes} from {@code offset} read or written on {@code link}.
   *
   * @param link names the link in the entry
   * @param received true for bytes read, false for bytes written
   * @param bytes the buffer
   * @param offset where the bytes start
   * @param length how many
   */
  public void raw(Object link, boolean received, byte[] bytes, int offset, int length) {
    if (level.raw() && length > 0) {
      sink.accept(link + (received ? " <- " : " -> ") + length + " bytes: " + HEX.formatHex(bytes, offset, offset + length));
    }
  }

  /**
   * Frame layer: the frame {@code in[start, start + length)}.
   *
   * @param link names the link in the entry
   * @param request true for a request received, false for an answer sent
   * @param in the buffer holding the frame (its position and limit are not moved)
   * @param start where the frame starts
   * @param length its length
   */
  public void frame(Object link, boolean request, ByteBuffer in, int start, int length) {
    if (level.frame()) {
      byte[] copy = new byte[length];
      in.get(start, copy);
      sink.accept(link + (request ? " <- " : " -> ") + "frame " + HEX.formatHex(copy));
    }
  }

  /**
   * Application layer: a request PDU, decoded.
   *
   * @param link names the link in the entry
   * @param unitId the unit the request is for
   * @param pdu the PDU, position to limit (neither is moved)
   */
  public void request(Object link, int unitId, ByteBuffer pdu) {
    if (level.pdu()) {
      sink.accept(link + " <- unit " + unitId + " " + describe(pdu, true));
    }
  }

  /**
   * Application layer: an answer PDU, decoded.
   *
   * @param link names the link in the entry
   * @param unitId the unit that answers
   * @param out the buffer holding the PDU (its position and limit are not moved)
   * @param start where the PDU starts
   * @param length its length
   */
  public void answer(Object link, int unitId, ByteBuffer out, int start, int length) {
    if (level.pdu()) {
      ByteBuffer pdu = out.duplicate().limit(start + length).position(start);
      sink.accept(link + " -> unit " + unitId + " " + describe(pdu, false));
    }
  }

  private static String describe(ByteBuffer pdu, boolean request) {
    ByteBuffer view = pdu.duplicate();
    try {
      return String.valueOf(request ? ModbusPduCodec.decodeRequest(view) : ModbusPduCodec.decodeResponse(view));
    } catch (ModbusDecodeException e) {
      byte[] bytes = new byte[pdu.remaining()];
      pdu.get(pdu.position(), bytes);
      return "undecodable PDU " + HEX.formatHex(bytes) + " (" + e.getMessage() + ")";
    }
  }

  @Override
  public String toString() {
    return "DecodeLog[" + level + "]";
  }
}
