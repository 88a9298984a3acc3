package dev.modbustoolkit.simulator.admin.internal;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Fans events out to the {@code /events} subscribers. Publishing never blocks and never waits for a slow
 * subscriber: each has a bounded queue, and an event that does not fit is dropped for that subscriber (and
 * counted). With no subscriber, {@link #hasSubscribers()} is one volatile read, so producers skip building events.
 */
public final class EventHub {
  /** Events a subscriber may fall behind by before new ones are dropped for it. */
  static final int QUEUE_CAPACITY = 1024;

  /** One event: its SSE name and a payload that {@link Json#MAPPER} can write. */
  public record Event(String name, Object payload) {}

  /** One subscriber's queue. */
  public static final class Subscription implements AutoCloseable {
    private final EventHub hub;
    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);

    private Subscription(EventHub hub) {
      this.hub = hub;
    }

    /**
     * {@return the next event, or null when none came within {@code timeout}}
     *
     * @param timeout how long to wait
     * @throws InterruptedException if interrupted while waiting
     */
    public @Nullable Event next(Duration timeout) throws InterruptedException {
      return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops the subscription. */
    @Override
    public void close() {
      hub.unsubscribe(this);
    }
  }

  /** What happens when the first subscriber comes and the last one goes. */
  public interface Watcher {
    /** The first subscriber came. */
    void first();

    /** The last subscriber went. */
    void last();
  }

  private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final CopyOnWriteArrayList<Watcher> watchers = new CopyOnWriteArrayList<>();
  private final AtomicLong dropped = new AtomicLong();
  private final Object lock = new Object();
  private volatile boolean any;

  /** {@return true when someone is listening (a volatile read)} */
  public boolean hasSubscribers() {
    return any;
  }

  /**
   * Adds a watcher, told when subscribers come and go.
   *
   * @param watcher the watcher
   */
  public void watch(Watcher watcher) {
    watchers.add(watcher);
  }

  /** {@return a new subscription} */
  public Subscription subscribe() {
    Subscription s = new Subscription(this);
    synchronized (lock) {
      subscriptions.add(s);
      if (!any) {
        any = true;
        watchers.forEach(Watcher::first);
      }
    }
    return s;
  }

  private void unsubscribe(Subscription s) {
    synchronized (lock) {
      if (subscriptions.remove(s) && subscriptions.isEmpty()) {
        any = false;
        watchers.forEach(Watcher::last);
      }
    }
  }

  /**
   * Offers an event to every subscriber, without blocking.
   *
   * @param name the SSE event name
   * @param payload the data
   */
  public void publish(String name, Object payload) {
    Event e = new Event(name, payload);
    for (Subscription s : subscriptions) {
      if (!s.queue.offer(e)) {
        dropped.incrementAndGet();
      }
    }
  }

  /** {@return events dropped because a subscriber's queue was full} */
  public long dropped() {
    return dropped.get();
  }
}
