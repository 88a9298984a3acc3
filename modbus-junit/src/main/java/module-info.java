/**
 * A JUnit 5 extension that starts a simulated Modbus device for a test: {@link dev.modbustoolkit.junit.SimulatedDevice}
 * on a test class, a field or a parameter, or {@link dev.modbustoolkit.junit.SimulatorExtension} registered in code.
 */
module dev.modbustoolkit.junit {
  requires transitive dev.modbustoolkit.simulator;
  requires transitive org.junit.jupiter.api;
  requires static org.jspecify;

  exports dev.modbustoolkit.junit;
}
