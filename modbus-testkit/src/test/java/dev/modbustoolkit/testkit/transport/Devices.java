package dev.modbustoolkit.testkit.transport;

import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;

/** Two register devices on units 1 and 2 behind one dispatcher (default unknown-unit policy). */
record Devices(RegisterDevice unit1, RegisterDevice unit2, ModbusDispatcher dispatcher) {
  /** Holding registers 0..9 of unit 1 hold 0x0100 + i, of unit 2 0x0200 + i. */
  static Devices create() {
    RegisterDevice one = RegisterDevice.of(DataModel.dense());
    RegisterDevice two = RegisterDevice.of(DataModel.dense());
    for (int i = 0; i < 10; i++) {
      one.dataModel().holdingRegisters().set(i, 0x0100 + i);
      two.dataModel().holdingRegisters().set(i, 0x0200 + i);
    }
    return new Devices(one, two, ModbusDispatcher.builder().unit(1, one).unit(2, two).build());
  }

  /** Holding register {@code address} of unit 1. */
  int holding1(int address) {
    return unit1.dataModel().holdingRegisters().get(address);
  }

  /** Holding register {@code address} of unit 2. */
  int holding2(int address) {
    return unit2.dataModel().holdingRegisters().get(address);
  }
}
