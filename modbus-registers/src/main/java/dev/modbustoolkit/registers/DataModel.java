package dev.modbustoolkit.registers;

import java.util.Objects;

/**
 * The four Modbus tables of one device (one unit id).
 *
 * <p>The tables are independent objects, so a listener tells them apart by {@link BitChangeEvent#table()} or
 * {@link RegisterChangeEvent#table()} identity (e.g. {@code event.table() == model.coils()}). The same table may be
 * passed for two roles (a device whose discrete inputs mirror its coils); its events then cannot say which role.
 *
 * @param coils read/write bits (functions 01, 05, 15)
 * @param discreteInputs read-only bits on the wire (function 02); simulations set them through the Java API
 * @param holdingRegisters read/write registers (functions 03, 06, 16, 22, 23)
 * @param inputRegisters read-only registers on the wire (function 04); simulations set them through the Java API
 */
public record DataModel(
    BitTable coils, BitTable discreteInputs, RegisterTable holdingRegisters, RegisterTable inputRegisters) {

  /** Rejects null tables. */
  public DataModel {
    Objects.requireNonNull(coils, "coils");
    Objects.requireNonNull(discreteInputs, "discreteInputs");
    Objects.requireNonNull(holdingRegisters, "holdingRegisters");
    Objects.requireNonNull(inputRegisters, "inputRegisters");
  }

  /**
   * {@return a full dense device: all four tables cover 0..65535, {@link AccessRule#READ_WRITE}, zero (about 272 KiB)}
   * Discrete inputs and input registers are still read-only on the wire because no function code writes them.
   */
  public static DataModel dense() {
    return new DataModel(BitTable.dense(), BitTable.dense(), RegisterTable.dense(), RegisterTable.dense());
  }
}
