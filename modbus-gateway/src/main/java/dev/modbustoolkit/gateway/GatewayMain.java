package dev.modbustoolkit.gateway;

import dev.modbustoolkit.client.ClientBuilder;
import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.client.ReconnectPolicy;
import dev.modbustoolkit.client.RetryPolicy;
import dev.modbustoolkit.client.SerialClientBuilder;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.config.FaultFileException;
import dev.modbustoolkit.fault.config.FaultFileLoader;
import dev.modbustoolkit.gateway.GatewayOptions.DownstreamSpec;
import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.serial.SerialMode;
import dev.modbustoolkit.server.rtu.ModbusRtuServer;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import dev.modbustoolkit.server.tcp.TcpFraming;
import dev.modbustoolkit.server.udp.ModbusUdpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar modbus-gateway.jar}: a Modbus TCP (or RTU/ASCII over TCP), UDP or serial-line listener in front
 * of one downstream link given by options, or many in a routes file. Exit status 0 after {@code --help}, 2 for a bad
 * option or routes file (the message names it), 1 when it cannot start; SIGINT and SIGTERM stop it gracefully.
 */
public final class GatewayMain {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayMain.class);

  private GatewayMain() {}

  /**
   * Runs the gateway until SIGINT or SIGTERM.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status >= 0) {
      System.exit(status);
    }
  }

  /**
   * Starts the gateway and waits, or prints usage or an error.
   *
   * @param args the command line
   * @param out where the start line and usage go
   * @param err where errors go
   * @return the exit status, or -1 after a graceful stop by a signal (the JVM's own status then)
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      out.print(USAGE);
      return 0;
    }
    Running running;
    try {
      running = start(GatewayOptions.parse(args));
    } catch (GatewayUsageException e) {
      // One line, so that a script or a supervisor's log shows the whole reason.
      String message = e.getMessage();
      err.println("modbus-gateway: " + message + (message.contains("--help") ? "" : " (see --help)"));
      return 2;
    } catch (IOException e) {
      err.println("modbus-gateway: cannot start: " + e.getMessage());
      return 1;
    }
    out.println(running.describe());
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.close();
      stopped.countDown();
    }, "modbus-gateway-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return -1;
  }

  /** What {@link #start} started; closing it stops the listeners, then the downstream links. */
  record Running(ModbusGateway gateway, @Nullable ModbusTcpServer tcp, @Nullable ModbusUdpServer udp,
      @Nullable ModbusRtuServer serial, List<String> links) implements AutoCloseable {
    String describe() {
      List<String> listeners = new ArrayList<>();
      if (tcp != null) {
        InetSocketAddress a = tcp.localAddress();
        listeners.add(a.getHostString() + ":" + a.getPort() + " (" + tcp.framing() + ")");
      }
      if (udp != null) {
        listeners.add("udp " + udp.localAddress().getPort());
      }
      if (serial != null) {
        listeners.add(serial.mode() + " " + serial.portName() + " " + serial.lineSettings());
      }
      return "modbus-gateway: listening on " + String.join(" and ", listeners) + ", forwarding to "
          + String.join(", ", links);
    }

    @Override
    public void close() {
      if (tcp != null) {
        tcp.close();
      }
      if (udp != null) {
        udp.close();
      }
      if (serial != null) {
        serial.close();
      }
      gateway.close();
    }
  }

  static Running start(GatewayOptions o) throws IOException {
    ModbusGateway.Builder b = ModbusGateway.builder().queueLimit(o.queueLimit())
        .quarantine(o.quarantineAfter(), o.quarantineFor()).readCache(o.cacheTtl()).passThrough(o.passThrough());
    List<String> described = new ArrayList<>();
    List<ModbusClient> clients = new ArrayList<>();
    try {
      if (o.routesFile() != null) {
        RoutesFile file = RoutesFile.load(o.routesFile());
        for (RoutesFile.Link link : file.downstreams()) {
          ModbusClient c = client(link.spec(), link.timeout() != null ? link.timeout() : o.timeout(),
              link.retries() >= 0 ? link.retries() : o.retries(), o);
          clients.add(c);
          b.downstream(link.spec().name(), c);
          described.add(link.spec().name() + " = " + describe(link.spec()));
        }
        file.routes().forEach(b::route);
        if (file.defaultDownstream() != null) {
          b.defaultRoute(file.defaultDownstream());
        }
      } else {
        DownstreamSpec spec = o.downstreams().get(0);
        ModbusClient c = client(spec, o.timeout(), o.retries(), o);
        clients.add(c);
        b.downstream(spec.name(), c).defaultRoute(spec.name());
        described.add(describe(spec));
      }
      FaultPipeline faults = faults(o);
      ModbusGateway gateway = b.unroutedUnits(o.unrouted()).build();
      List<AutoCloseable> started = new ArrayList<>();
      try {
        ModbusTcpServer server = null;
        if (o.tcpListener()) {
          ModbusTcpServer.Builder tcp = ModbusTcpServer.builder(gateway.dispatcher()).bindAddress(o.listenHost())
              .port(o.listenPort()).framing(TcpFraming.valueOf(o.listenFraming().toUpperCase(Locale.ROOT)))
              .decodeLevel(o.decode());
          if (faults != null) {
            tcp.faults(faults);
          }
          server = tcp.build().start();
          started.add(server);
        }
        ModbusUdpServer udp = null;
        if (o.udpPort() >= 0) {
          ModbusUdpServer.Builder u = ModbusUdpServer.builder(gateway.dispatcher())
              .bindAddress(new InetSocketAddress(o.listenHost(), o.udpPort())).decodeLevel(o.decode());
          if (faults != null) {
            u.faults(faults);
          }
          udp = u.build().start();
          started.add(udp);
        }
        ModbusRtuServer serial = null;
        if (o.serialUpstream() != null) {
          serial = serialUpstream(o.serialUpstream(), gateway, faults, o).start();
        }
        return new Running(gateway, server, udp, serial, described);
      } catch (IOException | RuntimeException e) {
        for (AutoCloseable c : started.reversed()) {
          closeQuietly(c);
        }
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      clients.forEach(ModbusClient::close);
      throw e;
    }
  }

  private static ModbusRtuServer serialUpstream(GatewayOptions.SerialUpstream line, ModbusGateway gateway,
      @Nullable FaultPipeline faults, GatewayOptions o) {
    SerialMode mode = line.mode().equals("ascii") ? SerialMode.ASCII : SerialMode.RTU;
    String format = (mode == SerialMode.ASCII ? "7" : "8") + line.parity() + line.stopBits();
    ModbusRtuServer.Builder serial = ModbusRtuServer.builder(gateway.dispatcher()).port(line.device()).mode(mode)
        .lineSettings(SerialLineSettings.of(line.baud(), format)).decodeLevel(o.decode());
    if (faults != null) {
      serial.faults(faults);
    }
    return serial.build();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("closing {} after a failed start: {}", c, e.toString());
    }
  }

  private static @Nullable FaultPipeline faults(GatewayOptions o) {
    if (o.faultsFile() == null) {
      return null;
    }
    try {
      return FaultFileLoader.load(o.faultsFile()).newPipeline(System.nanoTime());
    } catch (FaultFileException e) {
      throw new GatewayUsageException(o.faultsFile() + ": " + e.getMessage());
    } catch (IOException e) {
      throw new GatewayUsageException("--faults " + o.faultsFile() + ": cannot read: " + e.getMessage());
    }
  }

  private static String describe(DownstreamSpec s) {
    return switch (s.kind()) {
      case "rtu", "ascii" -> s.kind().toUpperCase(Locale.ROOT) + " " + s.target() + " " + s.baud() + " 8" + s.parity()
          + s.stopBits();
      default -> s.kind() + " " + s.target();
    };
  }

  private static ModbusClient client(DownstreamSpec s, Duration timeout, int retries, GatewayOptions o) {
    RetryPolicy retry = retries == 0 ? RetryPolicy.NONE : RetryPolicy.reads(retries);
    ClientBuilder<?> builder = switch (s.kind()) {
      case "tcp", "rtu-over-tcp", "ascii-over-tcp" -> {
        String[] hp = GatewayOptions.hostPort(s.target(), s.name(), false);
        int port = Integer.parseInt(hp[1]);
        yield (switch (s.kind()) {
          case "tcp" -> ModbusClient.tcp(hp[0], port).window(8);
          case "rtu-over-tcp" -> ModbusClient.rtuOverTcp(hp[0], port);
          default -> ModbusClient.asciiOverTcp(hp[0], port);
        }).reconnect(ReconnectPolicy.EAGER);
      }
      default -> {
        SerialMode mode = s.kind().equals("ascii") ? SerialMode.ASCII : SerialMode.RTU;
        String format = (mode == SerialMode.ASCII ? "7" : "8") + s.parity() + s.stopBits();
        SerialClientBuilder serial =
            ModbusClient.serial(s.target()).mode(mode).lineSettings(SerialLineSettings.of(s.baud(), format));
        if (o.frameGap() != null) {
          serial.interFrameDelay(o.frameGap());
        }
        yield serial;
      }
    };
    return builder.timeout(timeout).retry(retry).decode(o.decode()).build();
  }

  private static final String USAGE = """
      Usage: java -jar modbus-gateway.jar [options]

      Forwards Modbus requests from a TCP listener (or a serial line) to one downstream link (options) or many
      (--routes).

      Upstream:
        --listen HOST:PORT          Modbus TCP listener (default 127.0.0.1:5020; 0 as port picks a free one)
        --listen-framing F          mbap (default), rtu or ascii: RTU/ASCII frames over TCP
        --udp PORT                  also listen for Modbus over UDP on HOST:PORT
        --listen-rtu DEVICE         serve a serial line as a device, RTU (no TCP listener unless --listen is given)
        --listen-ascii DEVICE       the same, ASCII (7 data bits)
          --listen-baud N (19200)  --listen-parity N|E|O (E)  --listen-stop-bits 1|2 (1)
        --unrouted 0a|0b|none       what a unit no route covers gets (default 0a; none with a serial upstream,
                                    where other devices on the line answer for their own units)
        --faults FILE               a fault file (YAML/JSON) applied to the gateway's answers upstream
        --pass-through              forward requests the toolkit's decoder would reject (for odd devices)
      Downstream (one of):
        --to-tcp HOST:PORT          a Modbus TCP device or gateway (8 requests pipelined)
        --to-rtu-over-tcp HOST:PORT RTU frames over TCP (a serial device server)
        --to-ascii-over-tcp HOST:PORT
        --rtu DEVICE                a serial line, RTU (e.g. /dev/ttyUSB0)
        --ascii DEVICE              a serial line, ASCII (7 data bits)
          --baud N (19200)  --parity N|E|O (E)  --stop-bits 1|2 (1)
          --frame-gap DURATION      silence before each request (default t3.5 from the baud rate)
        --routes FILE               links and routes by unit id (YAML/JSON, see README)
      Behaviour:
        --timeout DURATION          per downstream request: 500ms, 2s, or a bare number of ms (default 1s)
        --retries N                 retries of reads after a timeout or busy answer (default 0)
        --queue N                   requests queued per link before answering 0x06 busy (default 64)
        --cache-ttl DURATION        cache reads (FC 01-04) this long; writes through the gateway invalidate
        --quarantine-after N        timeouts in a row that quarantine a device (default 3, 0 for never)
        --quarantine-for DURATION   answer 0x0B at once for that long, then probe (default 10s)
        --decode LAYERS             log pdu,frame,raw at DEBUG
        --help                      this text

      Exit status: 0 after --help, 2 for a bad option or routes file, 1 when it cannot start.
      """;
}
