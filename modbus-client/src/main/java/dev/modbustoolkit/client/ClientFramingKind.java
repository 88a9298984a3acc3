package dev.modbustoolkit.client;

import dev.modbustoolkit.client.internal.AsciiClientFraming;
import dev.modbustoolkit.client.internal.ClientFraming;
import dev.modbustoolkit.client.internal.MbapClientFraming;
import dev.modbustoolkit.client.internal.RtuClientFraming;

/** The framings a stream link can carry; package-private, chosen by {@link ModbusClient}'s factories. */
enum ClientFramingKind {
  MBAP,
  RTU,
  ASCII;

  ClientFraming newFraming() {
    return switch (this) {
      case MBAP -> new MbapClientFraming();
      case RTU -> new RtuClientFraming();
      case ASCII -> new AsciiClientFraming();
    };
  }
}
