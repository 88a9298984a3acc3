package dev.modbustoolkit.serial;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

class ModbusLrcProperties {

  @Property
  void bytesPlusLrcSumToZero(@ForAll @Size(max = 300) byte[] bytes) {
    int sum = ModbusLrc.compute(bytes);
    for (byte b : bytes) {
      sum += Byte.toUnsignedInt(b);
    }
    assertThat(sum & 0xFF).isZero();
  }
}
