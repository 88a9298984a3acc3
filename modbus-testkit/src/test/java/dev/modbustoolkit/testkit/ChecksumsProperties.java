package dev.modbustoolkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.serial.ModbusCrc16;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The production CRC (table-driven) agrees with the bit-by-bit oracle. */
class ChecksumsProperties {
  @Property
  void productionCrcAgreesWithTheOracle(@ForAll byte[] bytes) {
    assertThat(ModbusCrc16.compute(bytes)).isEqualTo(Checksums.crc16(bytes));
  }
}
