package dev.modbustoolkit.gateway;

import dev.modbustoolkit.registers.BitTable;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.RegisterTable;
import dev.modbustoolkit.server.core.DeviceIdentification;
import dev.modbustoolkit.server.core.RegisterDevice;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * What every device behind the gateway in the interop tests holds, the real peers' (pymodbus, libmodbus) and our
 * own alike: unit 1 with {@value #SIZE} of each table, coil i = (i % 3 == 0), discrete input i = (i % 2 == 0),
 * holding register i = 1000 + i, input register i = 2000 + i; address {@value #SIZE} and beyond is outside the map
 * (exception 02). The scripts in src/test/resources/peers set the same values; the tests check against these.
 *
 * <p>Our own device has more: exception status {@value #EXCEPTION_STATUS} (07), server id "own" with additional
 * data "v1" (11), file 4 (14, 15), a FIFO at holding register 70 holding 11, 12, 13 (18), and identification
 * (2B/0E).
 */
final class PeerDevice {
  static final int SIZE = 100;
  static final int EXCEPTION_STATUS = 0x6D;
  static final int FIFO = 70;

  private PeerDevice() {}

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

  /** {@return the bits {@code from..from+count-1} of {@code table} as a script prints them: 1,0,0,1} */
  static String bits(int from, int count, IntPredicate table) {
    StringJoiner j = new StringJoiner(",");
    for (int i = from; i < from + count; i++) {
      j.add(table.test(i) ? "1" : "0");
    }
    return j.toString();
  }

  /** {@return the registers {@code from..from+count-1} of {@code table} as a script prints them: 1000,1001} */
  static String words(int from, int count, IntUnaryOperator table) {
    StringJoiner j = new StringJoiner(",");
    for (int i = from; i < from + count; i++) {
      j.add(String.valueOf(table.applyAsInt(i)));
    }
    return j.toString();
  }

  /** {@return our own device, with the tables above and the extras} */
  static RegisterDevice own() {
    DataModel model = new DataModel(BitTable.dense(0, SIZE), BitTable.dense(0, SIZE), RegisterTable.dense(0, SIZE),
        RegisterTable.dense(0, SIZE));
    for (int i = 0; i < SIZE; i++) {
      model.coils().setBit(i, coil(i));
      model.discreteInputs().setBit(i, discrete(i));
      model.holdingRegisters().set(i, holding(i));
      model.inputRegisters().set(i, input(i));
    }
    model.holdingRegisters().setRange(FIFO, 3, 11, 12, 13); // the FIFO count, then its registers
    RegisterDevice device = RegisterDevice.builder(model)
        .file(4)
        .fifo(FIFO)
        .serverId("own".getBytes(StandardCharsets.US_ASCII), "v1".getBytes(StandardCharsets.US_ASCII))
        .identification(DeviceIdentification.builder().vendorName("modbus-toolkit-it").productCode("OWN")
            .majorMinorRevision("1.0").build())
        .build();
    device.setExceptionStatus(EXCEPTION_STATUS);
    return device;
  }
}
