package dev.modbustoolkit.simulator.admin.internal;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultStats;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import dev.modbustoolkit.server.tcp.TcpServerMetrics;
import dev.modbustoolkit.simulator.Simulator;
import dev.modbustoolkit.simulator.profile.Transport;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * {@code GET /metrics}, in the Prometheus text format (0.0.4), through the Prometheus Java client. Everything but the
 * latency histogram is a callback over counters the toolkit keeps anyway (the request log's per-unit counts, the
 * dispatchers' exception counts, the TCP and UDP servers' counters, the fault pipeline's stats), read at scrape
 * time, so the request path gains nothing for it.
 */
public final class MetricsApi {
  /** The content type of the text format this endpoint writes. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

  /**
   * The metrics of {@code simulator}.
   *
   * @param simulator the simulator
   * @param log its request log
   * @param hub the event hub (its dropped events are a metric too)
   */
  public MetricsApi(Simulator simulator, RequestLog log, EventHub hub) {
    CounterWithCallback.builder()
        .name("modbus_requests")
        .help("Requests dispatched, by transport, unit id, function code and outcome (ok, exception, none)")
        .labelNames("transport", "unit", "function_code", "outcome")
        .callback(cb -> log.counters().forEach((t, unit, fc, outcome, n) ->
            cb.call(n, Names.of(t), Integer.toString(unit), Integer.toString(fc), Names.of(outcome))))
        .register(registry);
    CounterWithCallback.builder()
        .name("modbus_exceptions")
        .help("Exception responses sent, by transport and exception code")
        .labelNames("transport", "exception_code")
        .callback(cb -> {
          for (Transport t : Transport.values()) {
            var m = simulator.dispatcher(t).metrics();
            for (int code = 1; code < 256; code++) {
              long n = m.exceptions(code);
              if (n > 0) {
                cb.call(n, Names.of(t), Integer.toString(code));
              }
            }
          }
        })
        .register(registry);
    registry.register(log.latency());
    GaugeWithCallback.builder()
        .name("modbus_connections")
        .help("Connections open now, by transport")
        .labelNames("transport")
        .callback(cb -> tcp(simulator, TcpServerMetrics::activeConnections, (t, n) -> cb.call(n, t)))
        .register(registry);
    CounterWithCallback.builder()
        .name("modbus_connections_accepted")
        .help("Connections accepted and served, by transport")
        .labelNames("transport")
        .callback(cb -> tcp(simulator, TcpServerMetrics::acceptedConnections, (t, n) -> cb.call(n, t)))
        .register(registry);
    CounterWithCallback.builder()
        .name("modbus_bytes_received")
        .help("Bytes received, by transport")
        .labelNames("transport")
        .callback(cb -> {
          tcp(simulator, TcpServerMetrics::bytesIn, (t, n) -> cb.call(n, t));
          simulator.udpServer().ifPresent(u -> cb.call(u.metrics().bytesIn(), "udp"));
        })
        .register(registry);
    CounterWithCallback.builder()
        .name("modbus_bytes_sent")
        .help("Bytes sent, by transport")
        .labelNames("transport")
        .callback(cb -> {
          tcp(simulator, TcpServerMetrics::bytesOut, (t, n) -> cb.call(n, t));
          simulator.udpServer().ifPresent(u -> cb.call(u.metrics().bytesOut(), "udp"));
        })
        .register(registry);
    FaultPipeline faults = simulator.faults();
    CounterWithCallback.builder()
        .name("modbus_fault_activations")
        .help("Times a fault fired, by fault id")
        .labelNames("fault")
        .callback(cb -> faults.stats().forEach(s -> cb.call(s.activations(), s.id())))
        .register(registry);
    CounterWithCallback.builder()
        .name("modbus_fault_checks")
        .help("Times a fault's trigger was evaluated, by fault id")
        .labelNames("fault")
        .callback(cb -> faults.stats().forEach((FaultStats s) -> cb.call(s.checks(), s.id())))
        .register(registry);
    CounterWithCallback.builder()
        .name("modbus_admin_events_dropped")
        .help("Server-sent events dropped because a subscriber fell behind")
        .callback(cb -> cb.call(hub.dropped()))
        .register(registry);
  }

  private interface Sink {
    void put(String transport, double value);
  }

  private static void tcp(Simulator simulator, ToLongFunction<TcpServerMetrics> what, Sink sink) {
    one(simulator.tcpServer(), "tcp", what, sink);
    one(simulator.rtuOverTcpServer(), "rtu-over-tcp", what, sink);
  }

  private static void one(Optional<ModbusTcpServer> server, String transport, ToLongFunction<TcpServerMetrics> what,
      Sink sink) {
    server.ifPresent(s -> sink.put(transport, what.applyAsLong(s.metrics())));
  }

  /**
   * Adds {@code GET /metrics}.
   *
   * @param routes where
   */
  public void register(Routes routes) {
    routes.add("GET", "/metrics", this::scrape);
  }

  private void scrape(ServerRequest req, ServerResponse res) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
    res.send(out.toByteArray());
  }
}
