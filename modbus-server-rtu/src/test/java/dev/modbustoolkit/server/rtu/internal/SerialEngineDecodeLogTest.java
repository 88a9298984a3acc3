package dev.modbustoolkit.server.rtu.internal;

import static dev.modbustoolkit.server.rtu.Bytes.ascii;
import static dev.modbustoolkit.server.rtu.Bytes.rtu;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.pdu.ModbusPduCodec;
import dev.modbustoolkit.serial.RtuTiming;
import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.serial.SerialMode;
import dev.modbustoolkit.server.rtu.Bytes;
import dev.modbustoolkit.transport.DecodeLevel;
import dev.modbustoolkit.transport.DecodeLog;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The serial line's decode log: every layer of one exchange under one name (the exchange's), the request frame
 * included, and other devices' frames at the frame layer only.
 */
class SerialEngineDecodeLogTest {
  private static final HexFormat LOG_HEX = HexFormat.ofDelimiter(" ");
  private final List<String> entries = new ArrayList<>();

  private LineHarness line(SerialMode mode, String level) {
    SerialLineSettings settings = mode == SerialMode.RTU ? SerialLineSettings.RTU_DEFAULT
        : SerialLineSettings.ASCII_DEFAULT;
    return new LineHarness(FaultPipeline.empty(),
        EngineSettings.serialLine(mode, RtuTiming.of(settings, Duration.ZERO), 1), null,
        new DecodeLog(DecodeLevel.parse(level), entries::add));
  }

  private static String response(String pduHex) {
    return ModbusPduCodec.decodeResponse(ByteBuffer.wrap(Bytes.hex(pduHex))).toString();
  }

  @Test
  void anRtuExchangeIsLoggedOnEveryLayerUnderOneName() throws Exception {
    LineHarness line = line(SerialMode.RTU, "all");
    line.unit1.dataModel().holdingRegisters().set(0, 0x1234);
    byte[] request = rtu("01 03 00 00 00 01");
    byte[] answer = rtu("01 03 02 12 34");
    line.send(request);
    assertThat(line.output.hex()).containsExactly(Bytes.hex(answer));
    String name = "RTU test-line";
    assertThat(entries).containsExactly(
        name + " <- 8 bytes: " + LOG_HEX.formatHex(request),
        name + " <- frame " + LOG_HEX.formatHex(request),
        name + " <- unit 1 ReadHoldingRegistersRequest[address=0, quantity=1]",
        name + " -> unit 1 " + response("03 02 12 34"),
        name + " -> frame " + LOG_HEX.formatHex(answer),
        name + " -> 7 bytes: " + LOG_HEX.formatHex(answer));
  }

  @Test
  void anAsciiRequestFrameIsLoggedAsItCameFromColonToLineFeed() throws Exception {
    LineHarness line = line(SerialMode.ASCII, "frame");
    byte[] request = ascii("01 03 00 00 00 01");
    line.send(request);
    assertThat(line.output.writes).hasSize(1);
    assertThat(entries).hasSize(2);
    assertThat(entries.getFirst()).isEqualTo("ASCII test-line <- frame " + LOG_HEX.formatHex(request));
    assertThat(entries.get(1)).startsWith("ASCII test-line -> frame 3a ");
  }

  @Test
  void anotherDevicesFramesAreLoggedAtTheFrameLayerOnly() throws Exception {
    LineHarness line = line(SerialMode.RTU, "pdu,frame");
    byte[] request = rtu("09 03 00 00 00 01");
    byte[] answer = rtu("09 03 02 00 07");
    line.send(request);
    line.pause(line.timing.t35Nanos() * 2);
    line.send(answer);
    line.quiet();
    assertThat(line.output.writes).isEmpty();
    assertThat(entries).containsExactly(
        "RTU test-line <- frame " + LOG_HEX.formatHex(request),
        "RTU test-line <- frame " + LOG_HEX.formatHex(answer));
  }
}
