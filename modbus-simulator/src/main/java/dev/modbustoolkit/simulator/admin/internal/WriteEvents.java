package dev.modbustoolkit.simulator.admin.internal;

import dev.modbustoolkit.registers.BitChangeListener;
import dev.modbustoolkit.registers.ChangeOrigin;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.RegisterChangeListener;
import dev.modbustoolkit.simulator.model.DeviceModel;
import dev.modbustoolkit.simulator.model.PointTable;
import dev.modbustoolkit.simulator.profile.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code write} events: listeners on every table of every map, attached only while someone listens on
 * {@code /events} (a table with listeners copies old and new values on each write, which nobody should pay for
 * otherwise). Writes over Modbus only (origin WIRE); one event per unit of the written map.
 */
public final class WriteEvents implements EventHub.Watcher {
  private final EventHub hub;
  private final List<Runnable> detach = new ArrayList<>();
  private final Map<PointTable, List<Integer>> unitsByMap = new LinkedHashMap<>();

  /**
   * Write events of {@code device}'s maps, published to {@code hub}.
   *
   * @param device the device
   * @param hub the hub
   */
  public WriteEvents(DeviceModel device, EventHub hub) {
    this.hub = hub;
    device.maps().values().forEach(t -> unitsByMap.put(t, new ArrayList<>()));
    device.units().forEach((id, unit) -> unitsByMap.get(unit.points()).add(id));
  }

  @Override
  public synchronized void first() {
    unitsByMap.forEach((table, units) -> {
      DataModel d = table.data();
      bits(d.coils(), Table.COILS, units);
      bits(d.discreteInputs(), Table.DISCRETE_INPUTS, units);
      registers(d.holdingRegisters(), Table.HOLDING_REGISTERS, units);
      registers(d.inputRegisters(), Table.INPUT_REGISTERS, units);
    });
  }

  @Override
  public synchronized void last() {
    detach.forEach(Runnable::run);
    detach.clear();
  }

  private void bits(dev.modbustoolkit.registers.BitTable bits, Table table, List<Integer> units) {
    BitChangeListener l = e -> {
      if (e.origin() == ChangeOrigin.WIRE) {
        publish(units, table, e.address(), e.quantity());
      }
    };
    bits.addListener(l);
    detach.add(() -> bits.removeListener(l));
  }

  private void registers(dev.modbustoolkit.registers.RegisterTable registers, Table table, List<Integer> units) {
    RegisterChangeListener l = e -> {
      if (e.origin() == ChangeOrigin.WIRE) {
        publish(units, table, e.address(), e.quantity());
      }
    };
    registers.addListener(l);
    detach.add(() -> registers.removeListener(l));
  }

  private void publish(List<Integer> units, Table table, int address, int count) {
    for (int unit : units) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("unit", unit);
      m.put("table", Names.of(table));
      m.put("address", address);
      m.put("count", count);
      hub.publish("write", m);
    }
  }
}
