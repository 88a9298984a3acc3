package dev.modbustoolkit.registers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DataModelTest {

  @Test
  void denseDeviceHasFourIndependentFullTables() {
    DataModel model = DataModel.dense();
    assertThat(model.coils().size()).isEqualTo(65536);
    assertThat(model.discreteInputs().size()).isEqualTo(65536);
    assertThat(model.holdingRegisters().size()).isEqualTo(65536);
    assertThat(model.inputRegisters().size()).isEqualTo(65536);
    assertThat(model.coils()).isNotSameAs(model.discreteInputs());
    assertThat(model.holdingRegisters()).isNotSameAs(model.inputRegisters());

    model.holdingRegisters().set(7, 1);
    model.coils().setBit(7, true);
    assertThat(model.inputRegisters().get(7)).isZero();
    assertThat(model.discreteInputs().getBit(7)).isFalse();
  }

  @Test
  void listenersTellTablesApartByIdentity() {
    DataModel model = DataModel.dense();
    StringBuilder seen = new StringBuilder();
    RegisterChangeListener listener = e -> seen.append(e.table() == model.inputRegisters() ? "input" : "holding");
    model.holdingRegisters().addListener(listener);
    model.inputRegisters().addListener(listener);
    model.inputRegisters().setFloat32(0, 1f, WordOrder.ABCD);
    model.holdingRegisters().set(0, 1);
    assertThat(seen).hasToString("inputholding");
  }

  @Test
  void rejectsNullTables() {
    assertThatThrownBy(() -> new DataModel(BitTable.dense(), null, RegisterTable.dense(), RegisterTable.dense()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("discreteInputs");
  }
}
