/**
 * Thread-safe Modbus data model: coils, discrete inputs, holding registers and input registers, with access rules,
 * typed views and change listeners. Independent of the PDU codec so that simulations can use it on its own.
 */
module dev.modbustoolkit.registers {
  requires static org.jspecify;

  exports dev.modbustoolkit.registers;
}
