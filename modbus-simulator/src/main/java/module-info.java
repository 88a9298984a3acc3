/**
 * The runnable Modbus device simulator: command line, devices, and the Modbus TCP, serial (RTU / ASCII) and
 * RTU-over-TCP and UDP servers sharing one dispatcher and one fault pipeline.
 */
module dev.modbustoolkit.simulator {
  requires transitive dev.modbustoolkit.server.tcp;
  requires transitive dev.modbustoolkit.server.rtu;
  requires transitive dev.modbustoolkit.server.udp;
  requires transitive dev.modbustoolkit.fault;
  requires transitive dev.modbustoolkit.registers;
  // modbus-fault needs Jackson only for its file loader and requires it static; the simulator loads fault files,
  // so it requires Jackson for real, which also resolves it at run time on the module path.
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires static org.jspecify;
  // The admin API (--admin): Helidon SE's web server, its SSE and static content, and the Prometheus client.
  requires io.helidon.webserver;
  requires io.helidon.webserver.sse;
  requires io.helidon.webserver.staticcontent;
  requires io.helidon.logging.common;
  requires io.prometheus.metrics.core;
  requires io.prometheus.metrics.model;
  requires io.prometheus.writer.text;
  // sun.misc.Signal: SIGHUP reloads the fault file and the profile.
  requires jdk.unsupported;
  requires java.logging;

  requires org.slf4j;

  exports dev.modbustoolkit.simulator;
  exports dev.modbustoolkit.simulator.profile;
  exports dev.modbustoolkit.simulator.model;
  exports dev.modbustoolkit.simulator.admin;

  // Helidon's logging set-up, declined (it would print a line among the start lines otherwise).
  provides io.helidon.logging.common.spi.LoggingProvider with dev.modbustoolkit.simulator.admin.internal.LoggingAsIs;
}
