package dev.modbustoolkit.simulator.internal;

import dev.modbustoolkit.server.core.DispatchListener;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RequestContext;
import dev.modbustoolkit.server.core.SerialRequestContext;
import dev.modbustoolkit.server.core.TcpRequestContext;
import dev.modbustoolkit.simulator.profile.Transport;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TRACE line per request a device answered ({@code --log-level trace}): transport, peer, unit, function code,
 * outcome and time; a request a fault answered in the device's stead is one line too, naming the fault, and an
 * answer faults changed or dropped after the device gave it one more line. Installed
 * on a dispatcher only when the logger is at TRACE when the simulator is built, so that the usual levels pay
 * nothing per request.
 */
public final class RequestTrace implements DispatchListener {
  /** The logger's name, so that a logging configuration can single it out. */
  public static final String LOGGER = "dev.modbustoolkit.simulator.requests";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private final Transport transport;

  private RequestTrace(Transport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
  }

  /** {@return whether requests are traced: the logger is at TRACE} */
  public static boolean enabled() {
    return LOG.isTraceEnabled();
  }

  /**
   * {@return the listener tracing one transport's requests}
   *
   * @param transport named in every line
   */
  public static RequestTrace of(Transport transport) {
    return new RequestTrace(transport);
  }

  /**
   * {@return a listener telling {@code first}, then {@code second}}
   *
   * @param first told first
   * @param second told second, even when the first throws
   */
  public static DispatchListener both(DispatchListener first, DispatchListener second) {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    return new DispatchListener() {
      @Override
      public void onDispatch(RequestContext context, int unitId, int functionCode, int exceptionCode,
          int responseLength, long nanos) {
        try {
          first.onDispatch(context, unitId, functionCode, exceptionCode, responseLength, nanos);
        } finally {
          second.onDispatch(context, unitId, functionCode, exceptionCode, responseLength, nanos);
        }
      }

      @Override
      public void onFaultAnswered(RequestContext context, int unitId, int functionCode, int exceptionCode,
          List<String> faultIds) {
        try {
          first.onFaultAnswered(context, unitId, functionCode, exceptionCode, faultIds);
        } finally {
          second.onFaultAnswered(context, unitId, functionCode, exceptionCode, faultIds);
        }
      }

      @Override
      public void onAnswerFaulted(RequestContext context, int unitId, int functionCode, List<String> faultIds,
          boolean delivered) {
        try {
          first.onAnswerFaulted(context, unitId, functionCode, faultIds, delivered);
        } finally {
          second.onAnswerFaulted(context, unitId, functionCode, faultIds, delivered);
        }
      }
    };
  }

  @Override
  public void onAnswerFaulted(RequestContext context, int unitId, int functionCode, List<String> faultIds,
      boolean delivered) {
    if (LOG.isTraceEnabled()) {
      LOG.trace("{} {} unit {} {}: the answer {} by fault {}", transport, peer(context), unitId,
          function(functionCode), delivered ? "changed" : "dropped", String.join(", ", faultIds));
    }
  }

  @Override
  public void onFaultAnswered(RequestContext context, int unitId, int functionCode, int exceptionCode,
      List<String> faultIds) {
    if (LOG.isTraceEnabled()) {
      LOG.trace("{} {} unit {} {}: {} from fault {}", transport, peer(context), unitId, function(functionCode),
          exceptionCode != 0 ? outcome(exceptionCode, 2) : "no response", String.join(", ", faultIds));
    }
  }

  @Override
  public void onDispatch(RequestContext context, int unitId, int functionCode, int exceptionCode,
      int responseLength, long nanos) {
    if (LOG.isTraceEnabled()) {
      LOG.trace("{} {} unit {} {}: {} in {} us", transport, peer(context), unitId, function(functionCode),
          outcome(exceptionCode, responseLength), nanos / 1_000);
    }
  }

  static String peer(RequestContext context) {
    if (context instanceof TcpRequestContext tcp) {
      return "from " + tcp.remoteAddress().getAddress().getHostAddress() + ":" + tcp.remoteAddress().getPort()
          + " (connection " + tcp.connectionId() + ")";
    }
    if (context instanceof SerialRequestContext serial) {
      return "on " + serial.portName();
    }
    return "via " + context;
  }

  static String function(int functionCode) {
    return functionCode == NO_FUNCTION_CODE ? "empty PDU" : String.format("FC %02X", functionCode);
  }

  static String outcome(int exceptionCode, int responseLength) {
    if (exceptionCode != 0) {
      return String.format("exception %02X", exceptionCode);
    }
    if (responseLength == ModbusDispatcher.NO_RESPONSE) {
      return "no response";
    }
    return "answer of " + responseLength + " bytes";
  }
}
