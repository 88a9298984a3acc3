package dev.modbustoolkit.client.internal;

import dev.modbustoolkit.client.ModbusProtocolException;
import dev.modbustoolkit.transport.stream.SelectorLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import org.jspecify.annotations.Nullable;

/**
 * One open link of an engine: its conduit, framing and buffers, and the reader that finds the answers (a thread of
 * its own, or the shared {@link ClientLoop} for a conduit it can select). A lost link is never reopened: the engine
 * makes a new session.
 */
final class Session implements Runnable, SelectorLoop.Ready {
  final ClientEngine engine;
  final Conduit conduit;
  final ClientFraming framing;
  final byte[] out;
  final ByteBuffer outBuffer;
  /**
   * Requests sent from the reader thread while it handles the answers of one read (the callbacks of pipelined
   * calls send their next request from there) wait here and go out in one write after the last of those answers:
   * one syscall, and one read on the server, instead of one per request. Only on a stream with transaction ids
   * (Modbus TCP): a datagram is one frame, and a bus times its frames (turnaround, silence) from each write.
   */
  final byte[] batch;
  final ByteBuffer batchBuffer;
  int batchLength;
  /** Set by the reader thread only, read by it only (other threads see {@link #reader} is not them first). */
  boolean batching;
  private final boolean batches;
  private @Nullable Thread reader;
  private final byte[] in;

  Session(ClientEngine engine, Conduit conduit, ClientFraming framing) {
    this.engine = engine;
    this.conduit = conduit;
    this.framing = framing;
    this.out = new byte[framing.maxFrameLength()];
    this.outBuffer = ByteBuffer.wrap(out);
    this.in = new byte[Math.max(4096, 4 * framing.maxFrameLength())];
    this.batches = framing.transactionIds() && !conduit.datagrams();
    this.batch = new byte[batches ? 16 * framing.maxFrameLength() : 0];
    this.batchBuffer = ByteBuffer.wrap(batch);
    this.buffer = ByteBuffer.wrap(in);
  }

  /** {@return whether a request sent now by this thread waits for the end of the answers being handled} */
  boolean batchingHere() {
    return batching && Thread.currentThread() == reader;
  }

  /**
   * Starts finding answers: on a reader thread of its own, or, for a conduit served by the shared {@link
   * ClientLoop}, on that loop's thread.
   */
  void start(String name) {
    if (conduit.selectable() != null) {
      ClientLoop loop = ClientLoop.shared();
      reader = loop.thread();
      loop.register(this);
      return;
    }
    Thread t = new Thread(this, "modbus-client-reader " + name);
    t.setDaemon(true);
    reader = t;
    t.start();
  }

  // The read state, confined to the reader (its own thread, or the loop's).
  private final ByteBuffer buffer;
  private int start;
  private int end;
  private long lastByteNanos = System.nanoTime();

  @Override
  public void run() {
    boolean datagrams = conduit.datagrams();
    long silence = conduit.interFrameSilenceNanos();
    try {
      while (true) {
        buffer.limit(in.length).position(end);
        int n = conduit.read(buffer);
        if (n < 0) {
          engine.drop(this, ClientEngine.endOfStream());
          return;
        }
        if (n == 0) {
          if (silence >= 0 && end > start && System.nanoTime() - lastByteNanos >= silence) {
            // The line went quiet with bytes pending that no length framed: the silence ends the frame.
            int verdict = framing.scanAtSilence(in, start, end - start, engine.expectedPduLength());
            if (verdict > 0) {
              engine.onFrame(this, in, start, verdict);
              start += verdict;
            } else if (verdict < 0) {
              start += Math.min(-verdict, end - start);
            }
            if (start == end) {
              start = 0;
              end = 0;
            }
          }
          continue;
        }
        received(n, datagrams);
      }
    } catch (IOException | ModbusProtocolException e) {
      engine.drop(this, e);
    } catch (RuntimeException e) {
      engine.drop(this, e);
      throw e;
    }
  }

  /** {@return whether the conduit is still open (a session on the shared loop)} */
  boolean isOpen() {
    SelectableChannel channel = conduit.selectable();
    return channel != null && channel.isOpen();
  }

  @Override
  public void onReady(SelectionKey key) {
    if (key.isValid() && key.isReadable()) {
      readReady();
    }
  }

  /** The loop failed, or reading threw past {@link #readReady}: drops the link. */
  @Override
  public void fail(Throwable error) {
    engine.drop(this, error);
  }

  /**
   * On the loop thread, when the conduit is readable: reads what came (without blocking) and handles it. A failure
   * drops the link; nothing is thrown, so that the loop serves its other links on.
   */
  void readReady() {
    try {
      buffer.limit(in.length).position(end);
      int n = conduit.read(buffer);
      if (n < 0) {
        engine.drop(this, ClientEngine.endOfStream());
      } else if (n > 0) {
        received(n, false);
      }
    } catch (IOException | RuntimeException e) {
      engine.drop(this, e);
    }
  }

  /** {@code n} bytes arrived at {@code end}: hands every whole frame to the engine, then sends what they batched. */
  private void received(int n, boolean datagrams) {
    lastByteNanos = System.nanoTime();
    if (engine.decodeLog().level().raw()) {
      engine.decodeLog().raw(engine.name(), true, in, end, n);
    }
    end += n;
    batching = batches;
    try {
      while (end > start) {
        int verdict = framing.scan(in, start, end - start, engine.expectedPduLength());
        if (verdict == 0) {
          break;
        }
        if (verdict < 0) {
          start += Math.min(-verdict, end - start);
          continue;
        }
        engine.onFrame(this, in, start, verdict);
        start += verdict;
      }
    } finally {
      batching = false;
    }
    if (batchLength > 0) {
      engine.flushBatch(this);
    }
    if (datagrams || start == end) {
      start = 0; // a datagram is one frame: what is left of it is dropped
      end = 0;
    } else if (end == in.length) {
      System.arraycopy(in, start, in, 0, end - start);
      end -= start;
      start = 0;
    }
  }
}
