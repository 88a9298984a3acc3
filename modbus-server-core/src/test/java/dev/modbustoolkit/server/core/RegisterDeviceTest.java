package dev.modbustoolkit.server.core;

import static dev.modbustoolkit.server.core.Pdus.SERIAL;
import static dev.modbustoolkit.server.core.Pdus.TCP;
import static dev.modbustoolkit.server.core.Pdus.norm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.WriteSingleRegisterRequest;
import dev.modbustoolkit.registers.AccessRule;
import dev.modbustoolkit.registers.BitTable;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.RegisterTable;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Spec vectors (Modbus Application Protocol V1.1b3, section 6) and exceptions, through the byte-level dispatch. */
class RegisterDeviceTest {

  private final DataModel model = DataModel.dense();
  private RegisterDevice device = RegisterDevice.builder(model).file(3).file(4).build();
  private ModbusDispatcher dispatcher = dispatcherFor(device);

  private static ModbusDispatcher dispatcherFor(RegisterDevice device) {
    return ModbusDispatcher.builder().unit(1, device).unknownUnitPolicy(UnknownUnitPolicy.NO_RESPONSE).build();
  }

  private @Nullable String call(String request) {
    return Pdus.call(dispatcher, SERIAL, 1, request);
  }

  private void use(RegisterDevice newDevice) {
    device = newDevice;
    dispatcher = dispatcherFor(newDevice);
  }

  private static String ascii(String text) {
    return HexFormat.of().withUpperCase().formatHex(text.getBytes(StandardCharsets.US_ASCII));
  }

  private static void setBits(BitTable table, int address, int count, String packedHex) {
    byte[] packed = Pdus.hex(packedHex);
    for (int i = 0; i < count; i++) {
      table.setBit(address + i, ((packed[i / 8] >> (i % 8)) & 1) != 0);
    }
  }

  private static DataModel sparse() {
    return new DataModel(
        BitTable.sparse().block(0, 16).build(),
        BitTable.sparse().block(0, 16).build(),
        RegisterTable.sparse().block(0, 16).block(32, 8, AccessRule.READ_ONLY).block(48, 8, AccessRule.WRITE_ONLY)
            .build(),
        RegisterTable.sparse().block(0, 16).build());
  }

  // ---- 01 / 02 / 03 / 04 -------------------------------------------------------------------------------------

  @Test
  void fc01ReadCoilsSpecExample() {
    setBits(model.coils(), 19, 19, "CD 6B 05");

    assertThat(call("01 0013 0013")).isEqualTo(norm("01 03 CD 6B 05"));
  }

  @Test
  void fc01Exceptions() {
    use(RegisterDevice.of(sparse()));

    assertThat(call("01 0000 0000")).isEqualTo("8103");
    assertThat(call("01 0100 07D1")).isEqualTo("8103"); // 2001 coils, at a missing address too: 03 first
    assertThat(call("01 000F 0002")).isEqualTo("8102"); // runs past the block
    assertThat(call("01 0000 0010")).isEqualTo(norm("01 02 0000"));
  }

  @Test
  void fc02ReadDiscreteInputsSpecExample() {
    setBits(model.discreteInputs(), 196, 22, "AC DB 35");

    assertThat(call("02 00C4 0016")).isEqualTo(norm("02 03 AC DB 35"));
    assertThat(call("02 0000 07D1")).isEqualTo("8203");
  }

  @Test
  void fc02Exceptions() {
    use(RegisterDevice.of(sparse()));

    assertThat(call("02 0010 0001")).isEqualTo("8202"); // no discrete input at 16
    assertThat(call("02 000F 0002")).isEqualTo("8202"); // runs past the block
    assertThat(call("02 0100 07D1")).isEqualTo("8203"); // 2001 inputs at a missing address: 03 first
    assertThat(call("02 FFFF 0002")).isEqualTo("8202"); // past 65535
    assertThat(call("02 0000 0010")).isEqualTo(norm("02 02 0000"));
  }

  /**
   * 07, 0B, 0C and 11 carry no data: a byte after the function code makes the PDU malformed (TRAILING_BYTES,
   * answered 03 like every structurally bad request), and the device is not asked.
   */
  @Test
  void fc07_0B_0C_11WithTrailingBytesAreMalformed() {
    device.setExceptionStatus(0x55);
    assertThat(call("07")).isEqualTo(norm("07 55"));
    assertThat(call("07 00")).isEqualTo("8703");
    assertThat(call("0B 00")).isEqualTo("8B03");
    assertThat(call("0C 00 00")).isEqualTo("8C03");
    assertThat(call("11 00")).isEqualTo("9103");
    // none of them counted as a comm event (exceptions), and the well-formed ones still answer
    assertThat(call("0B")).isEqualTo(norm("0B 0000 0001"));
    assertThat(call("11")).startsWith(norm("11"));
  }

  @Test
  void fc03ReadHoldingRegistersSpecExample() {
    model.holdingRegisters().setRange(107, 0x022B, 0x0000, 0x0064);

    assertThat(call("03 006B 0003")).isEqualTo(norm("03 06 022B 0000 0064"));
  }

  @Test
  void fc03Exceptions() {
    use(RegisterDevice.of(sparse()));

    assertThat(call("03 0100 0000")).isEqualTo("8303");
    assertThat(call("03 0100 007E")).isEqualTo("8303");
    assertThat(call("03 0100 0001")).isEqualTo("8302");
    assertThat(call("03 0030 0001")).isEqualTo("8302"); // write-only
    assertThat(call("03 0020 0001")).isEqualTo(norm("03 02 0000")); // read-only is readable
  }

  @Test
  void fc04ReadInputRegistersSpecExample() {
    model.inputRegisters().set(8, 0x000A);

    assertThat(call("04 0008 0001")).isEqualTo(norm("04 02 000A"));
    assertThat(call("04 0008 0000")).isEqualTo("8403");
    use(RegisterDevice.of(sparse()));
    assertThat(call("04 0010 0001")).isEqualTo("8402");
  }

  @Test
  void fc03ReadsTheLargestAllowedQuantity() {
    for (int i = 0; i < 125; i++) {
      model.holdingRegisters().set(1000 + i, i);
    }

    String response = call("03 03E8 007D");

    assertThat(response).hasSize(2 * (2 + 250)).startsWith("03FA0000000100020003");
    assertThat(response).endsWith("007C");
  }

  // ---- 05 / 06 / 0F / 10 ---------------------------------------------------------------------------------------

  @Test
  void fc05WriteSingleCoilSpecExample() {
    assertThat(call("05 00AC FF00")).isEqualTo(norm("05 00AC FF00"));
    assertThat(model.coils().getBit(172)).isTrue();
    assertThat(call("05 00AC 0000")).isEqualTo(norm("05 00AC 0000"));
    assertThat(model.coils().getBit(172)).isFalse();
  }

  @Test
  void fc05Exceptions() {
    use(RegisterDevice.of(sparse()));

    assertThat(call("05 0100 1234")).isEqualTo("8503"); // bad value at a missing address: 03 first
    assertThat(call("05 0100 FF00")).isEqualTo("8502");
  }

  @Test
  void fc06WriteSingleRegisterSpecExample() {
    assertThat(call("06 0001 0003")).isEqualTo(norm("06 0001 0003"));
    assertThat(model.holdingRegisters().get(1)).isEqualTo(3);
  }

  @Test
  void fc06Exceptions() {
    use(RegisterDevice.of(sparse()));

    assertThat(call("06 0100 0003")).isEqualTo("8602");
    assertThat(call("06 0020 0003")).isEqualTo("8602"); // read-only
    assertThat(call("06 0030 0003")).isEqualTo(norm("06 0030 0003")); // write-only is writable
    assertThat(call("06 0000")).isEqualTo("8603");
  }

  @Test
  void fc0fWriteMultipleCoilsSpecExample() {
    assertThat(call("0F 0013 000A 02 CD 01")).isEqualTo(norm("0F 0013 000A"));

    boolean[] expected = {true, false, true, true, false, false, true, true, true, false};
    for (int i = 0; i < expected.length; i++) {
      assertThat(model.coils().getBit(19 + i)).as("coil %d", 19 + i).isEqualTo(expected[i]);
    }
    assertThat(model.coils().getBit(29)).isFalse();
  }

  @Test
  void fc0fExceptions() {
    use(RegisterDevice.of(sparse()));

    assertThat(call("0F 0000 000A 01 CD")).isEqualTo("8F03"); // byte count mismatch
    assertThat(call("0F 0000 0000 00")).isEqualTo("8F03");
    assertThat(call("0F 000F 0002 01 03")).isEqualTo("8F02");
    assertThat(device.dataModel().coils().getBit(15)).isFalse(); // nothing written
  }

  @Test
  void fc10WriteMultipleRegistersSpecExample() {
    assertThat(call("10 0001 0002 04 000A 0102")).isEqualTo(norm("10 0001 0002"));
    assertThat(model.holdingRegisters().getRange(1, 2)).containsExactly(0x000A, 0x0102);
  }

  @Test
  void fc10Exceptions() {
    use(RegisterDevice.of(sparse()));

    assertThat(call("10 0000 007C F8" + "0000".repeat(124))).isEqualTo("9003");
    assertThat(call("10 000E 0003 06 0001 0002 0003")).isEqualTo("9002");
    assertThat(device.dataModel().holdingRegisters().getRange(14, 2)).containsExactly(0, 0); // nothing written
    assertThat(call("10 0020 0001 02 0001")).isEqualTo("9002"); // read-only
  }

  // ---- 16 / 17 / 18 --------------------------------------------------------------------------------------------

  @Test
  void fc16MaskWriteRegisterSpecExample() {
    model.holdingRegisters().set(4, 0x12);

    assertThat(call("16 0004 00F2 0025")).isEqualTo(norm("16 0004 00F2 0025"));
    assertThat(model.holdingRegisters().get(4)).isEqualTo(0x17);
  }

  @Test
  void fc16Exceptions() {
    use(RegisterDevice.of(sparse()));

    assertThat(call("16 0100 00F2 0025")).isEqualTo("9602");
    assertThat(call("16 0004 00F2")).isEqualTo("9603");
  }

  @Test
  void fc17ReadWriteMultipleRegistersSpecExample() {
    model.holdingRegisters().setRange(3, 0x00FE, 0x0ACD, 0x0001, 0x0003, 0x000D, 0x00FF);

    assertThat(call("17 0003 0006 000E 0003 06 00FF 00FF 00FF"))
        .isEqualTo(norm("17 0C 00FE 0ACD 0001 0003 000D 00FF"));
    assertThat(model.holdingRegisters().getRange(14, 3)).containsExactly(0xFF, 0xFF, 0xFF);
  }

  @Test
  void fc17WritesBeforeItReads() {
    assertThat(call("17 0000 0002 0001 0001 02 BEEF")).isEqualTo(norm("17 04 0000 BEEF"));
  }

  @Test
  void fc17Exceptions() {
    use(RegisterDevice.of(sparse()));

    assertThat(call("17 0100 0000 0000 0001 02 0001")).isEqualTo("9703"); // read quantity 0, bad address
    assertThat(call("17 0000 0001 0000 007A F4" + "0000".repeat(122))).isEqualTo("9703");
    assertThat(call("17 0000 0001 0100 0001 02 0001")).isEqualTo("9702"); // write address missing
    assertThat(call("17 0100 0001 0000 0001 02 0001")).isEqualTo("9702"); // read address missing
    assertThat(device.dataModel().holdingRegisters().get(0)).isZero(); // the write did not happen
  }

  @Test
  void fc18ReadFifoQueueSpecExample() {
    model.holdingRegisters().setRange(0x04DE, 2, 0x01B8, 0x1284);

    assertThat(call("18 04DE")).isEqualTo(norm("18 0006 0002 01B8 1284"));
  }

  @Test
  void fc18Exceptions() {
    model.holdingRegisters().set(0x0100, 32);
    model.holdingRegisters().set(0xFFFF, 1);

    assertThat(call("18 0100")).isEqualTo("9803"); // count above 31
    assertThat(call("18 FFFF")).isEqualTo("9802"); // values beyond the address space
    model.holdingRegisters().set(0x0100, 0);
    assertThat(call("18 0100")).isEqualTo(norm("18 0002 0000"));

    use(RegisterDevice.builder(model).fifo(0x0200).build());
    assertThat(call("18 0100")).isEqualTo("9802"); // not a declared FIFO
    assertThat(call("18 0200")).isEqualTo(norm("18 0002 0000"));
    use(RegisterDevice.of(sparse()));
    assertThat(call("18 0100")).isEqualTo("9802");
  }

  // ---- 14 / 15 -------------------------------------------------------------------------------------------------

  @Test
  void fc14ReadFileRecordSpecExample() {
    device.file(4).setRange(1, 0x0DFE, 0x0020);
    device.file(3).setRange(9, 0x33CD, 0x0040);

    assertThat(call("14 0E 06 0004 0001 0002 06 0003 0009 0002"))
        .isEqualTo(norm("14 0C 05 06 0DFE 0020 05 06 33CD 0040"));
  }

  @Test
  void fc14Exceptions() {
    assertThat(call("14 07 06 0005 0000 0001")).isEqualTo("9402"); // no such file
    assertThat(call("14 07 06 0004 270F 0002")).isEqualTo("9402"); // past record 9999
    assertThat(call("14 07 06 0004 2710 0001")).isEqualTo("9402"); // record number above 0x270F
    assertThat(call("14 07 07 0004 0000 0001")).isEqualTo("9402"); // reference type not 6
    assertThat(call("14 06 06 0004 0000 00")).isEqualTo("9403"); // byte count below 7
    // Record length 0 is a bad reference like a bad file or record (the spec's diagram: 02), alone or with them
    assertThat(call("14 07 06 0004 0000 0000")).isEqualTo("9402");
    assertThat(call("14 07 06 0000 0000 0000")).isEqualTo("9402");
    assertThat(call("14 07 06 0004 2710 0000")).isEqualTo("9402");
    assertThat(call("14 07 06 0004 270F 0001")).isEqualTo(norm("14 04 03 06 0000"));
  }

  @Test
  void fc15WriteFileRecordSpecExample() {
    assertThat(call("15 0D 06 0004 0007 0003 06AF 04BE 100D"))
        .isEqualTo(norm("15 0D 06 0004 0007 0003 06AF 04BE 100D"));
    assertThat(device.file(4).getRange(7, 3)).containsExactly(0x06AF, 0x04BE, 0x100D);
  }

  @Test
  void fc15RefusedRequestChangesNothing() {
    assertThat(call("15 12 06 0004 0000 0001 1111 06 0009 0000 0001 2222")).isEqualTo("9502");
    assertThat(device.file(4).get(0)).isZero();
    assertThat(call("15 09 06 0003 270F 0002 0001")).isEqualTo("9503"); // record length disagrees with the data
    // a second record of length 0 after a good one: a bad reference (02), and the first is not written either
    assertThat(call("15 10 06 0004 0000 0001 1111 06 0004 0001 0000")).isEqualTo("9502");
  }

  // ---- 07 / 11 / 2B ----------------------------------------------------------------------------------------------

  @Test
  void fc07ReadExceptionStatus() {
    device.setExceptionStatus(0x6D);
    assertThat(call("07")).isEqualTo("076D");

    use(RegisterDevice.builder(model).exceptionStatusCoils(100).build());
    setBits(model.coils(), 100, 8, "6D");
    assertThat(call("07")).isEqualTo("076D");
    assertThatThrownBy(() -> device.setExceptionStatus(1)).isInstanceOf(IllegalStateException.class);
    assertThat(call("07 00")).isEqualTo("8703");
  }

  @Test
  void fc11ReportServerId() {
    assertThat(call("11")).isEqualTo("110F" + ascii("modbus-toolkit") + "FF");

    use(RegisterDevice.builder(model).serverId(new byte[] {0x42}, new byte[] {1, 2}).build());
    assertThat(call("11")).isEqualTo(norm("11 04 42 FF 01 02"));
    device.setRunning(false);
    assertThat(call("11")).isEqualTo(norm("11 04 42 00 01 02"));
  }

  private static DeviceIdentification companyIdentification() {
    return DeviceIdentification.builder()
        .vendorName("Company identification").productCode("Product code XX").majorMinorRevision("V2.11").build();
  }

  @Test
  void fc2bBasicStreamSpecExample() {
    use(RegisterDevice.builder(model).identification(companyIdentification()).build());

    // The spec's device is "basic, stream only" (01); this one also supports individual access (81).
    assertThat(call("2B 0E 01 00")).isEqualTo(norm("2B 0E 01 81 00 00 03"
        + "00 16" + ascii("Company identification")
        + "01 0F" + ascii("Product code XX")
        + "02 05" + ascii("V2.11")));
  }

  @Test
  void fc2bRegularStreamIncludesBasicObjects() {
    use(RegisterDevice.builder(model).identification(DeviceIdentification.builder()
        .vendorName("V").productCode("P").majorMinorRevision("1").productName("N").build()).build());

    assertThat(call("2B 0E 02 00")).isEqualTo(norm("2B 0E 02 82 00 00 04 0001 56 0101 50 0201 31 0401 4E"));
    // A basic stream leaves the regular object out.
    assertThat(call("2B 0E 01 00")).isEqualTo(norm("2B 0E 01 82 00 00 03 0001 56 0101 50 0201 31"));
    // Extended asked of a regular device: answered at its own level.
    assertThat(call("2B 0E 03 00")).isEqualTo(norm("2B 0E 03 82 00 00 04 0001 56 0101 50 0201 31 0401 4E"));
  }

  @Test
  void fc2bSplitsLongStreamsWithMoreFollows() {
    String hundred = "x".repeat(100);
    use(RegisterDevice.builder(model).identification(DeviceIdentification.builder()
        .vendorName("V").productCode("P").majorMinorRevision("1")
        .object(0x80, hundred).object(0x81, hundred).object(0x82, hundred).object(0x83, hundred).build()).build());
    String objectHex = "64" + ascii(hundred);

    // 7 header bytes + 3 * 3 + 2 * 102 = 220; a third 102-byte object would pass 253.
    assertThat(call("2B 0E 03 00")).isEqualTo(norm("2B 0E 03 83 FF 82 05 0001 56 0101 50 0201 31"
        + "80" + objectHex + "81" + objectHex));
    assertThat(call("2B 0E 03 82")).isEqualTo(norm("2B 0E 03 83 00 00 02 82" + objectHex + "83" + objectHex));
  }

  @Test
  void fc2bStreamFromAnUnknownObjectRestartsAtZero() {
    use(RegisterDevice.builder(model).identification(DeviceIdentification.builder()
        .vendorName("V").productCode("P").majorMinorRevision("1").object(0x80, "E").build()).build());
    String basic = "2B 0E 01 83 00 00 03 0001 56 0101 50 0201 31";

    assertThat(call("2B 0E 01 80")).isEqualTo(norm(basic)); // exists, but is not a basic object
    assertThat(call("2B 0E 01 05")).isEqualTo(norm(basic));
    assertThat(call("2B 0E 03 50")).isEqualTo(norm("2B 0E 03 83 00 00 04 0001 56 0101 50 0201 31 8001 45"));
    assertThat(call("2B 0E 03 02")).isEqualTo(norm("2B 0E 03 83 00 00 02 0201 31 8001 45"));
  }

  @Test
  void fc2bIndividualAccess() {
    use(RegisterDevice.builder(model).identification(DeviceIdentification.builder()
        .vendorName("V").productCode("P").majorMinorRevision("1").object(0x80, "E").build()).build());

    assertThat(call("2B 0E 04 80")).isEqualTo(norm("2B 0E 04 83 00 00 01 8001 45"));
    assertThat(call("2B 0E 04 01")).isEqualTo(norm("2B 0E 04 83 00 00 01 0101 50"));
    assertThat(call("2B 0E 04 05")).isEqualTo("AB02"); // unknown object
    assertThat(call("2B 0E 05 00")).isEqualTo("AB03"); // read device id code 5
  }

  @Test
  void deviceIdentificationValidatesObjects() {
    assertThatThrownBy(() -> DeviceIdentification.builder().vendorName("V").productCode("P").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> DeviceIdentification.builder().object(0x07, "reserved"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeviceIdentification.builder().object(0x80, new byte[245]))
        .isInstanceOf(IllegalArgumentException.class);
    DeviceIdentification longest = DeviceIdentification.builder()
        .vendorName("V").productCode("P").majorMinorRevision("1").object(0x80, new byte[244]).build();
    use(RegisterDevice.builder(model).identification(longest).build());
    assertThat(call("2B 0E 04 80")).hasSize(2 * 253);
  }

  // ---- 08 / 0B / 0C ----------------------------------------------------------------------------------------------

  @Test
  void fc08ReturnQueryDataEchoesSpecExample() {
    assertThat(call("08 0000 A537")).isEqualTo(norm("08 0000 A537"));
    assertThat(call("08 0000")).isEqualTo(norm("08 0000"));
    assertThat(call("08 0000 0102 0304")).isEqualTo(norm("08 0000 0102 0304"));
  }

  @Test
  void fc08CountersFollowTheTraffic() {
    call("03 0000 0001"); // normal
    call("03 0000 0000"); // exception 03
    Pdus.call(dispatcher, SERIAL, 2, "03 0000 0001"); // another device's message, seen on the bus

    assertThat(call("08 000B 0000")).isEqualTo(norm("08 000B 0004")); // bus messages, this one included
    assertThat(call("08 000E 0000")).isEqualTo(norm("08 000E 0004")); // messages for this device
    assertThat(call("08 000D 0000")).isEqualTo(norm("08 000D 0001")); // exception responses
    assertThat(call("08 000F 0000")).isEqualTo(norm("08 000F 0000")); // no response
    assertThat(call("08 000C 0000")).isEqualTo(norm("08 000C 0000"));
    dispatcher.recordBusCommunicationError();
    assertThat(call("08 000C 0000")).isEqualTo(norm("08 000C 0001")); // CRC errors
    dispatcher.recordBusCharacterOverrun();
    assertThat(call("08 0012 0000")).isEqualTo(norm("08 0012 0001"));
    assertThat(device.diagnosticCounters().overrunFlag()).isTrue();
    assertThat(call("08 0014 0000")).isEqualTo(norm("08 0014 0000"));
    assertThat(call("08 0012 0000")).isEqualTo(norm("08 0012 0000"));
    assertThat(device.diagnosticCounters().overrunFlag()).isFalse();
    assertThat(call("08 0010 0000")).isEqualTo(norm("08 0010 0000"));
    assertThat(call("08 0011 0000")).isEqualTo(norm("08 0011 0000"));

    assertThat(call("08 000A 0000")).isEqualTo(norm("08 000A 0000"));
    assertThat(call("08 000B 0000")).isEqualTo(norm("08 000B 0001")); // cleared, then this request
    assertThat(call("08 000D 0000")).isEqualTo(norm("08 000D 0000"));
  }

  @Test
  void fc08NoResponseNakAndBusyCounts() {
    DiagnosticCounters counters = new DiagnosticCounters();
    ModbusRequestHandler refusing = new ModbusRequestHandler() {
      @Override
      public DiagnosticCounters diagnosticCounters() {
        return counters;
      }

      @Override
      public @Nullable ModbusResponse writeSingleRegister(
          RequestContext ctx, int unitId, WriteSingleRegisterRequest r) {
        return switch (r.value()) {
          case 6 -> new ExceptionResponse(6, ExceptionCode.SERVER_DEVICE_BUSY);
          case 7 -> new ExceptionResponse(6, ExceptionCode.NEGATIVE_ACKNOWLEDGE);
          default -> null;
        };
      }
    };
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, refusing).build();

    Pdus.call(d, SERIAL, 1, "06 0000 0006");
    Pdus.call(d, SERIAL, 1, "06 0000 0007");
    Pdus.call(d, SERIAL, 1, "06 0000 0007");
    Pdus.call(d, SERIAL, 1, "06 0000 0000");

    assertThat(counters.serverBusyCount()).isEqualTo(1);
    assertThat(counters.serverNakCount()).isEqualTo(2);
    assertThat(counters.busExceptionErrorCount()).isEqualTo(3);
    assertThat(counters.serverNoResponseCount()).isEqualTo(1);
    assertThat(counters.eventLog().events())
        .containsExactly(0x40, 0x80, 0x48, 0x80, 0x48, 0x80, 0x44, 0x80);
  }

  @Test
  void fc08DiagnosticRegisterAndAsciiDelimiter() {
    device.diagnosticCounters().setDiagnosticRegister(0x1234);

    assertThat(call("08 0002 0000")).isEqualTo(norm("08 0002 1234"));
    assertThat(call("08 0003 3A00")).isEqualTo(norm("08 0003 3A00"));
    assertThat(device.diagnosticCounters().asciiInputDelimiter()).isEqualTo(':');
    assertThat(call("08 0003 3A01")).isEqualTo("8803"); // second byte must be 00
    assertThat(call("08 000A 0000")).isEqualTo(norm("08 000A 0000"));
    assertThat(call("08 0002 0000")).isEqualTo(norm("08 0002 0000"));
    assertThat(call("08 000B 0001")).isEqualTo("8803"); // counter sub-functions take data 0000 only
  }

  @Test
  void fc0bEventCounterCountsSuccessfulCompletionsOnly() {
    assertThat(call("0B")).isEqualTo(norm("0B 0000 0000"));
    call("06 0000 0001");
    call("03 0000 0000"); // exception: not counted
    call("03 0000 0001");
    assertThat(call("0B")).isEqualTo(norm("0B 0000 0002"));
    call("0C");
    assertThat(call("0B")).isEqualTo(norm("0B 0000 0002")); // 0B and 0C are not counted
    call("08 0004 0000"); // force listen-only completes without a response: counted
    call("08 0001 0000"); // restart clears the counter; the restart itself is not counted
    assertThat(call("0B")).isEqualTo(norm("0B 0000 0000"));
  }

  @Test
  void fc0cEventLogHoldsReceiveAndSendEventsMostRecentFirst() {
    call("06 0000 0001"); // receive 80, send 40
    call("03 0000 0000"); // receive 80, send 41 (read exception)
    call("0B"); // receive 80, send 40

    // Status 0000, event count 1, message count 4 (this one included), events: 0C's receive event first.
    assertThat(call("0C")).isEqualTo(norm("0C 0D 0000 0001 0004 80 40 80 41 80 40 80"));
  }

  @Test
  void fc0cEventLogKeepsTheLast64Events() {
    for (int i = 0; i < 40; i++) {
      call("06 0000 0001");
    }

    String response = call("0C");

    assertThat(response).startsWith(norm("0C 46 0000 0028 0029 80 40 80"));
    assertThat(response).hasSize(2 * (2 + 6 + 64));
  }

  @Test
  void fc08RestartKeepsOrClearsTheEventLog() {
    call("06 0000 0001");
    assertThat(call("08 0001 0000")).isEqualTo(norm("08 0001 0000"));
    // Kept log: the restart's send event 40 after its restart event 00, then the earlier events; counters cleared.
    assertThat(call("0C")).isEqualTo(norm("0C 0C 0000 0000 0001 80 40 00 80 40 80"));

    assertThat(call("08 0001 FF00")).isEqualTo(norm("08 0001 FF00"));
    assertThat(call("0C")).isEqualTo(norm("0C 09 0000 0000 0001 80 40 00"));
  }

  @Test
  void fc08ForceListenOnlyLogsItsEvent() {
    assertThat(call("08 0004 0000")).isNull();
    call("03 0000 0001"); // received in listen-only mode: receive event with bit 5
    call("08 0001 0000"); // its receive event still carries bit 5: the restart comes after it

    // Send events too: 60 while in listen-only mode, 40 after the silent restart ended it.
    assertThat(call("0C")).isEqualTo(norm("0C 0F 0000 0000 0001 80 40 00 A0 60 A0 60 04 80"));
  }

  @Test
  void aRefusedRequestReachesTheStoreUnchangedOverTcpToo() {
    DataModel m = sparse();
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, RegisterDevice.of(m)).build();

    assertThat(Pdus.call(d, TCP, 1, "10 000F 0002 04 1111 2222")).isEqualTo("9002");
    assertThat(m.holdingRegisters().get(15)).isZero();
  }
}
