package dev.modbustoolkit.simulator.admin.internal;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultStats;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events}: a server-sent event stream of {@code write}, {@code connection}, {@code fault} and
 * {@code request} events. Each subscriber's handler runs on its own virtual thread (Helidon's), drains its queue and
 * sends a comment every few seconds, which is also how a client that went away is noticed. Fault events come from
 * polling the pipeline's counters while someone listens, so the fault path itself has no hook.
 */
public final class EventsApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventsApi.class);
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(2);
  private static final Duration FAULT_POLL = Duration.ofMillis(200);

  private final EventHub hub;
  private final FaultPipeline faults;
  private final Thread faultWatcher;
  private volatile boolean running = true;

  /**
   * The event stream.
   *
   * @param hub where events come from
   * @param faults the pipeline whose activations become fault events
   */
  public EventsApi(EventHub hub, FaultPipeline faults) {
    this.hub = hub;
    this.faults = faults;
    this.faultWatcher = Thread.ofVirtual().name("modbus-simulator-admin-faults").start(this::watchFaults);
  }

  /**
   * Adds {@code GET /events}.
   *
   * @param routes where
   */
  public void register(Routes routes) {
    routes.add("GET", "/events", this::stream);
  }

  private void stream(ServerRequest req, ServerResponse res) {
    try (EventHub.Subscription sub = hub.subscribe(); SseSink sink = res.sink(SseSink.TYPE)) {
      sink.emit(SseEvent.builder().comment("modbus-simulator events").build());
      while (running) {
        EventHub.Event e = sub.next(KEEP_ALIVE);
        if (e == null) {
          sink.emit(SseEvent.builder().comment("keep-alive").build());
        } else {
          Object payload = e.payload() instanceof RequestRecord r ? r.toJson() : e.payload();
          sink.emit(SseEvent.builder().name(e.name()).data(Json.text(Json.MAPPER.valueToTree(payload))).build());
        }
      }
    } catch (UncheckedIOException e) {
      LOG.debug("event stream closed: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void watchFaults() {
    Map<String, Long> seen = new HashMap<>();
    try {
      while (running) {
        Thread.sleep(FAULT_POLL);
        if (!hub.hasSubscribers()) {
          seen.clear();
          continue;
        }
        Map<String, Long> now = new HashMap<>();
        for (FaultStats s : faults.stats()) {
          now.put(s.id(), s.activations());
          Long before = seen.get(s.id());
          if (before != null && s.activations() > before) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("activations", s.activations());
            hub.publish("fault", m);
          }
        }
        seen = now;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ends the streams and the fault watcher. */
  @Override
  public void close() {
    running = false;
    faultWatcher.interrupt();
  }
}
