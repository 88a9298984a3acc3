package dev.modbustoolkit.server.core.internal;

import dev.modbustoolkit.pdu.DiagnosticSubFunction;
import dev.modbustoolkit.pdu.DiagnosticsRequest;
import dev.modbustoolkit.pdu.DiagnosticsResponse;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.server.core.DiagnosticCounters;
import org.jspecify.annotations.Nullable;

/** FC 0x08 on a device's {@link DiagnosticCounters}: every sub-function of the spec. */
public final class DiagnosticsFunction {
  private DiagnosticsFunction() {}

  /** The answer to {@code r}, or null when the spec says nothing is sent (listen-only, a silent restart). */
  public static @Nullable ModbusResponse serve(DiagnosticCounters diagnostics, DiagnosticsRequest r) {
    DiagnosticSubFunction sub = r.knownSubFunction().orElse(null);
    if (sub == null) {
      return new ExceptionResponse(r.functionCode(), ExceptionCode.ILLEGAL_FUNCTION);
    }
    return switch (sub) {
      case RETURN_QUERY_DATA -> echo(r);
      case RESTART_COMMUNICATIONS_OPTION -> {
        // Spec: a device in listen-only mode restarts silently; otherwise it answers before restarting.
        boolean silent = diagnostics.isListenOnly();
        diagnostics.restartCommunications(dataWord(r) == 0xFF00);
        yield silent ? null : echo(r);
      }
      case RETURN_DIAGNOSTIC_REGISTER -> DiagnosticsResponse.of(sub, diagnostics.diagnosticRegister());
      case CHANGE_ASCII_INPUT_DELIMITER -> {
        diagnostics.setAsciiInputDelimiter(r.dataByte(0));
        yield echo(r);
      }
      case FORCE_LISTEN_ONLY_MODE -> {
        diagnostics.enterListenOnlyMode();
        yield null;
      }
      case CLEAR_COUNTERS_AND_DIAGNOSTIC_REGISTER -> {
        diagnostics.clearCountersAndDiagnosticRegister();
        yield echo(r);
      }
      case RETURN_BUS_MESSAGE_COUNT, RETURN_BUS_COMMUNICATION_ERROR_COUNT, RETURN_BUS_EXCEPTION_ERROR_COUNT,
          RETURN_SERVER_MESSAGE_COUNT, RETURN_SERVER_NO_RESPONSE_COUNT, RETURN_SERVER_NAK_COUNT,
          RETURN_SERVER_BUSY_COUNT, RETURN_BUS_CHARACTER_OVERRUN_COUNT ->
          DiagnosticsResponse.of(sub, diagnostics.count(sub));
      case CLEAR_OVERRUN_COUNTER_AND_FLAG -> {
        diagnostics.clearOverrunCounterAndFlag();
        yield echo(r);
      }
    };
  }

  private static DiagnosticsResponse echo(DiagnosticsRequest r) {
    return new DiagnosticsResponse(r.subFunction(), r.data());
  }

  private static int dataWord(DiagnosticsRequest r) {
    return r.dataLength() < 2 ? 0 : (r.dataByte(0) << 8) | r.dataByte(1);
  }
}
