package dev.modbustoolkit.server.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.DeviceIdentification;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import java.nio.charset.StandardCharsets;

/**
 * The device every interoperability test talks to: unit 1, a full dense data model with known contents, and the
 * state that the standard sequence of writes must leave behind.
 *
 * <p>Reads: coils 0..15 = (i % 3 == 0); discrete inputs 100..115 = (i % 2 == 0); holding 200..209 = 1000 + i;
 * input registers 300..309 = 2000 + i. Writes: coil 20 on; coils 30..39 = {@link #COILS_30}; register 400 =
 * 0xBEEF; registers 410..414 = 1, 2, 3, 65535, 0; mask write 420 (0x12 &amp; 0xF2 | 0x25 &amp; ~0xF2 = 0x17, the
 * spec's example); read/write 430: write 7, 8, 9 then read 5 registers = 7, 8, 9, 0, 0.
 *
 * <p>The other function codes: exception status {@value #EXCEPTION_STATUS} (07); server id "interop", run
 * indicator, additional data "v1" (11); file 4 (14, 15); a FIFO at 500 holding 11, 12, 13 (18); identification
 * with the basic and regular objects and three extended objects 0x80..0x82 of {@value #EXTENDED_OBJECT_LENGTH}
 * bytes each, more than one answer holds (2B/0E with "more follows").
 */
final class InteropDevice {
  static final boolean[] COILS_30 = {true, false, true, true, false, false, true, false, true, true};
  static final int[] REGISTERS_410 = {1, 2, 3, 65535, 0};

  static final int EXCEPTION_STATUS = 0x6D;
  static final int EXTENDED_OBJECT_LENGTH = 200;

  final DataModel model = DataModel.dense();
  final RegisterDevice device;

  InteropDevice() {
    for (int i = 0; i < 16; i++) {
      model.coils().setBit(i, coil(i));
      model.discreteInputs().setBit(100 + i, discrete(i));
    }
    for (int i = 0; i < 10; i++) {
      model.holdingRegisters().set(200 + i, holding(i));
      model.inputRegisters().set(300 + i, input(i));
    }
    model.holdingRegisters().set(420, 0x12);
    model.holdingRegisters().setRange(500, 3, 11, 12, 13);
    DeviceIdentification.Builder id = DeviceIdentification.builder()
        .vendorName("modbus-toolkit").productCode("Interop").majorMinorRevision("1.0")
        .vendorUrl("https://example.invalid").productName("InteropDevice").modelName("IT")
        .userApplicationName("interop tests");
    for (int i = 0; i < 3; i++) {
      id.object(0x80 + i, String.valueOf((char) ('a' + i)).repeat(EXTENDED_OBJECT_LENGTH));
    }
    device = RegisterDevice.builder(model)
        .file(4)
        .fifo(500)
        .serverId("interop".getBytes(StandardCharsets.US_ASCII), "v1".getBytes(StandardCharsets.US_ASCII))
        .identification(id.build())
        .build();
    device.setExceptionStatus(EXCEPTION_STATUS);
  }

  ModbusDispatcher dispatcher() {
    return ModbusDispatcher.builder().unit(1, device).build();
  }

  static boolean coil(int i) {
    return i % 3 == 0;
  }

  static boolean discrete(int i) {
    return i % 2 == 0;
  }

  static int holding(int i) {
    return 1000 + i;
  }

  static int input(int i) {
    return 2000 + i;
  }

  /** Checks the device state the standard writes leave. */
  void assertWritesArrived() {
    assertThat(model.coils().getBit(20)).as("coil 20").isTrue();
    assertThat(model.coils().getBits(30, 10)).as("coils 30..39").containsExactly(COILS_30);
    assertThat(model.holdingRegisters().get(400)).as("register 400").isEqualTo(0xBEEF);
    assertThat(model.holdingRegisters().getRange(410, 5)).as("registers 410..414").containsExactly(REGISTERS_410);
    assertThat(model.holdingRegisters().get(420)).as("mask-written register 420").isEqualTo(0x17);
    assertThat(model.holdingRegisters().getRange(430, 3)).as("registers 430..432").containsExactly(7, 8, 9);
  }

  /** Packs bits LSB-first as on the wire. */
  static byte[] pack(boolean[] bits) {
    byte[] b = new byte[(bits.length + 7) / 8];
    for (int i = 0; i < bits.length; i++) {
      if (bits[i]) {
        b[i / 8] |= (byte) (1 << (i % 8));
      }
    }
    return b;
  }

  static boolean bit(byte[] packed, int i) {
    return (packed[i / 8] & (1 << (i % 8))) != 0;
  }

  static byte[] words(int... values) {
    byte[] b = new byte[2 * values.length];
    for (int i = 0; i < values.length; i++) {
      b[2 * i] = (byte) (values[i] >>> 8);
      b[2 * i + 1] = (byte) values[i];
    }
    return b;
  }

  static int word(byte[] b, int i) {
    return ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
  }
}
