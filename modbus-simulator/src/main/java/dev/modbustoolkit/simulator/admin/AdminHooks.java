package dev.modbustoolkit.simulator.admin;

import dev.modbustoolkit.server.core.DispatchListener;
import dev.modbustoolkit.server.tcp.ServerEvent;
import dev.modbustoolkit.server.tcp.ServerEventListener;
import dev.modbustoolkit.simulator.admin.internal.EventHub;
import dev.modbustoolkit.simulator.admin.internal.Names;
import dev.modbustoolkit.simulator.admin.internal.RequestLog;
import dev.modbustoolkit.simulator.admin.internal.RequestRecord;
import dev.modbustoolkit.simulator.profile.Transport;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hooks a {@link dev.modbustoolkit.simulator.Simulator} installs when it runs an admin API: one dispatch
 * listener per transport (the recent-request log, per-unit counters, latency, request events) and one server event
 * listener per TCP server (connection events). Built before the servers, handed to the {@link AdminServer}.
 * Per request they cost one ring-buffer entry and a few counter updates, and never block.
 */
public final class AdminHooks {
  private final EventHub events = new EventHub();
  private final RequestLog requests = new RequestLog(events);

  /** Hooks with an empty log and no subscribers. */
  public AdminHooks() {}

  /** {@return the event hub behind {@code /events}} */
  EventHub events() {
    return events;
  }

  /** {@return the request log} */
  RequestLog requests() {
    return requests;
  }

  /**
   * {@return the dispatch listener of a transport's dispatcher}
   *
   * @param transport the transport
   */
  public DispatchListener dispatchListener(Transport transport) {
    return requests.listener(transport);
  }

  /**
   * {@return the event listener of a TCP server of {@code transport}: connection events while someone listens}
   *
   * @param transport TCP or RTU_OVER_TCP
   */
  public ServerEventListener connectionListener(Transport transport) {
    return event -> {
      if (!events.hasSubscribers()) {
        return;
      }
      switch (event) {
        case ServerEvent.ConnectionOpened o ->
            events.publish("connection", connection(transport, RequestRecord.hostAndPort(o.remoteAddress()), "open"));
        case ServerEvent.ConnectionClosed c ->
            events.publish("connection", connection(transport, RequestRecord.hostAndPort(c.remoteAddress()), "closed"));
        case ServerEvent.Started s -> { }
        case ServerEvent.Stopped s -> { }
        case ServerEvent.ConnectionRejected r -> { }
      }
    };
  }

  private static Map<String, Object> connection(Transport transport, String peer, String state) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("transport", Names.of(transport));
    m.put("peer", peer);
    m.put("state", state);
    return m;
  }
}
