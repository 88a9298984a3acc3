package dev.modbustoolkit.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.registers.AccessRule;
import dev.modbustoolkit.registers.BitTable;
import dev.modbustoolkit.registers.ChangeOrigin;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.RegisterTable;
import dev.modbustoolkit.simulator.DataFill;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataFillerTest {

  @Test
  void patternFillsEveryAddressOfAllFourTables() {
    DataModel model = DataModel.dense();
    DataFiller.of(DataFill.PATTERN).fill(model);
    int[] holding = model.holdingRegisters().getRange(0, 0x10000);
    int[] input = model.inputRegisters().getRange(0, 0x10000);
    boolean[] coils = model.coils().getBits(0, 0x10000);
    boolean[] discrete = model.discreteInputs().getBits(0, 0x10000);
    for (int i = 0; i <= 0xFFFF; i++) {
      if (holding[i] != i || input[i] != i || coils[i] != (i % 3 == 0) || discrete[i] != (i % 3 == 0)) {
        throw new AssertionError("address " + i + ": holding " + holding[i] + ", input " + input[i] + ", coil "
            + coils[i] + ", discrete input " + discrete[i]);
      }
    }
  }

  @Test
  void zeroLeavesANewModelAloneAndTellsNoListener() {
    DataModel model = DataModel.dense();
    List<Object> events = new ArrayList<>();
    model.holdingRegisters().addListener(events::add);
    model.coils().addListener(events::add);
    DataFiller.of(DataFill.ZERO).fill(model);
    assertThat(events).isEmpty();
    assertThat(model.holdingRegisters().get(65535)).isZero();
    assertThat(model.coils().getBit(0)).isFalse();
  }

  /** Read-only and sparse blocks too: the fill is the device's content, not a client's write. */
  @Test
  void patternFillsSparseAndReadOnlyBlocksAtTheirOwnAddressesAsAnApiChange() {
    RegisterTable holding = RegisterTable.sparse().block(100, 10, AccessRule.READ_ONLY).block(60000, 5).build();
    BitTable coils = BitTable.sparse().block(3, 4, AccessRule.READ_ONLY).build();
    DataModel model = new DataModel(coils, BitTable.dense(0, 1), holding, RegisterTable.dense(65530, 6));
    List<ChangeOrigin> origins = new ArrayList<>();
    holding.addListener(e -> origins.add(e.origin()));
    DataFiller.of(DataFill.PATTERN).fill(model);
    assertThat(holding.getRange(100, 10)).containsExactly(100, 101, 102, 103, 104, 105, 106, 107, 108, 109);
    assertThat(holding.getRange(60000, 5)).containsExactly(60000, 60001, 60002, 60003, 60004);
    assertThat(coils.getBits(3, 4)).containsExactly(true, false, false, true);
    assertThat(model.discreteInputs().getBit(0)).isTrue();
    assertThat(model.inputRegisters().getRange(65530, 6)).containsExactly(65530, 65531, 65532, 65533, 65534, 65535);
    assertThat(origins).containsExactly(ChangeOrigin.API, ChangeOrigin.API);
  }
}
