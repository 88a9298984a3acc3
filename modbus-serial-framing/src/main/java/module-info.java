/**
 * Modbus over Serial Line framing (Modbus over Serial Line V1.02): the CRC-16 and LRC checks, line settings and
 * RTU timing, pull-style RTU and ASCII frame decoders and allocation-free encoders. Pure: no I/O, no threads, no
 * clock of its own (time is passed in as nanoseconds).
 */
module dev.modbustoolkit.serial {
  requires transitive dev.modbustoolkit.pdu;
  requires static org.jspecify;

  exports dev.modbustoolkit.serial;
}
