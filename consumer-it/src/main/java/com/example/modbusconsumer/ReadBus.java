// The README's serial client ("Client"), as it stands there. Compiled, never run: it needs a serial device
// on /dev/ttyUSB0, which CI has not (the serial client is run against socat pty pairs in modbus-client's ITs).
package com.example.modbusconsumer;

import dev.modbustoolkit.client.BlockingModbusClient;
import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.pdu.WriteSingleRegisterRequest;
import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.serial.SerialMode;
import java.time.Duration;

public class ReadBus {
  public static void main(String[] args) throws Exception {
    try (ModbusClient bus = ModbusClient.serial("/dev/ttyUSB0")
        .mode(SerialMode.RTU)                      // or SerialMode.ASCII
        .lineSettings(SerialLineSettings.of(19200, "8E1"))
        .timeout(Duration.ofMillis(300))
        .localEcho(false)                          // true for an RS-485 adapter that hears its own requests
        .build()) {
      BlockingModbusClient modbus = bus.blocking();
      System.out.println("unit 2, register 0: " + modbus.readHoldingRegisters(2, 0, 1).values()[0]);
      bus.broadcast(new WriteSingleRegisterRequest(0, 1)).join();   // unit 0: no answer, then the turnaround delay
    }
  }
}
