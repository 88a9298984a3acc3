package dev.modbustoolkit.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.pdu.ModbusPduCodec;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ModbusResponse;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whether an answer answers its request, for every public function code (Modbus Application Protocol V1.1b3, the
 * fields each response repeats or sizes from the request): a match, and a mismatch named by its field. PIT found
 * this class tested only through the client's ITs.
 */
class ResponseCheckTest {
  private static final HexFormat HEX = HexFormat.of();

  private static ModbusRequest request(String hex) {
    return ModbusPduCodec.decodeRequest(ByteBuffer.wrap(HEX.parseHex(hex.replace(" ", ""))));
  }

  private static ModbusResponse response(String hex) {
    return ModbusPduCodec.decodeResponse(ByteBuffer.wrap(HEX.parseHex(hex.replace(" ", ""))));
  }

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(delimiter = '|', value = {
      "01 0000 0009 | 01 02 FF 01",
      "01 0000 0008 | 01 01 FF",
      "02 0000 0010 | 02 02 00 00",
      "03 0000 0002 | 03 04 0001 0002",
      "04 0000 0001 | 04 02 0001",
      "05 000A FF00 | 05 000A FF00",
      "06 0001 0007 | 06 0001 0007",
      "07 | 07 6D",
      "08 0000 1234 | 08 0000 1234",
      "0B | 0B 0000 0005",
      "0C | 0C 06 0000 0001 0002",
      "0F 0013 000A 02 CD01 | 0F 0013 000A",
      "10 0001 0002 04 000A 0102 | 10 0001 0002",
      "11 | 11 02 01 FF",
      "14 07 06 0004 0001 0002 | 14 06 05 06 0DFE 0020",
      "15 0D 06 0004 0007 0003 06AF 04BE 100D | 15 0D 06 0004 0007 0003 06AF 04BE 100D",
      "16 0004 00F2 0025 | 16 0004 00F2 0025",
      "17 0003 0002 000E 0001 02 00FF | 17 04 00FE 0ACD",
      "18 04DE | 18 0006 0002 01B8 1284",
      "41 0102 | 41 05"})
  void anAnswerThatAnswersItsRequestMatches(String request, String response) {
    assertThat(ResponseCheck.mismatch(request(request), response(response))).isNull();
  }

  @ParameterizedTest(name = "{0} / {1}")
  @CsvSource(delimiter = '|', value = {
      "01 0000 0009 | 01 01 FF | coil status bytes 1 where the request asked for 2",
      "02 0000 0010 | 02 03 00 00 00 | input status bytes 3 where the request asked for 2",
      "03 0000 0002 | 03 02 0001 | registers 1 where the request asked for 2",
      "04 0000 0002 | 04 06 0001 0002 0003 | registers 3 where the request asked for 2",
      "05 000A FF00 | 05 000B FF00 | echoed address 11 where the request had 10",
      "05 000A FF00 | 05 000A 0000 | echoed value 0 where the request had 1",
      "06 0001 0007 | 06 0001 0008 | echoed value 8 where the request had 7",
      "08 0000 1234 | 08 0001 1234 | sub-function 1 where the request asked for 0",
      "0F 0013 000A 02 CD01 | 0F 0013 0009 | echoed quantity 9 where the request had 10",
      "10 0001 0002 04 000A 0102 | 10 0002 0002 | echoed address 2 where the request had 1",
      "14 07 06 0004 0001 0002 | 14 0C 05 06 0DFE 0020 05 06 33CD 0040 | sub-responses 2 where the request asked for 1",
      "16 0004 00F2 0025 | 16 0005 00F2 0025 | echoed address 5 where the request had 4",
      "16 0004 00F2 0025 | 16 0004 00F3 0025 | echoed AND mask 243 where the request had 242",
      "16 0004 00F2 0025 | 16 0004 00F2 0026 | echoed OR mask 38 where the request asked for 37",
      "17 0003 0002 000E 0001 02 00FF | 17 02 00FE | registers 1 where the request asked for 2",
      "41 0102 | 42 05 | function code 66 where the request asked for 65",
      "03 0000 0001 | 04 02 0001 | answer ReadInputRegistersResponse does not answer ReadHoldingRegistersRequest",
      "07 | 0B 0000 0005 | answer GetCommEventCounterResponse does not answer ReadExceptionStatusRequest",
      "11 | 07 6D | answer ReadExceptionStatusResponse does not answer ReportServerIdRequest",
      "18 04DE | 03 02 0001 | answer ReadHoldingRegistersResponse does not answer ReadFifoQueueRequest"})
  void aMismatchIsNamedByItsField(String request, String response, String message) {
    assertThat(ResponseCheck.mismatch(request(request), response(response))).isEqualTo(message);
  }
}
