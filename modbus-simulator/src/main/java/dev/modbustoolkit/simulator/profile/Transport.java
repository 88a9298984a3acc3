package dev.modbustoolkit.simulator.profile;

/** The simulator's transports, as a profile names them to say where a unit is served. */
public enum Transport {
  /** Modbus TCP (MBAP over TCP). */
  TCP,
  /** RTU (or ASCII) frames over TCP ({@code --rtu-over-tcp}). */
  RTU_OVER_TCP,
  /** Modbus over UDP ({@code --udp}). */
  UDP,
  /** The serial line ({@code --rtu}). */
  SERIAL
}
