// The README's client ("Client"), as it stands there. QuickStarts runs it against an embedded server on a
// free port (ClientQuickStart), which it passes as the argument instead of the simulator's 5020.
package com.example.modbusconsumer;

import dev.modbustoolkit.client.BlockingModbusClient;
import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.client.ModbusExceptionResponseException;
import dev.modbustoolkit.registers.RegisterValues;
import dev.modbustoolkit.registers.WordOrder;
import java.time.Duration;

public class ReadDevice {
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 5020;   // the simulator's port, unless given
    try (ModbusClient client = ModbusClient.tcp("127.0.0.1", port)
        .timeout(Duration.ofMillis(500))           // per attempt: queue wait, write and answer
        .window(8)                                 // up to 8 requests in flight on the connection
        .build()) {
      BlockingModbusClient modbus = client.blocking();
      modbus.writeMultipleRegisters(1, 100, RegisterValues.ofFloat32(21.5f, WordOrder.CDAB));
      short[] registers = modbus.readHoldingRegisters(1, 100, 2).values();
      System.out.println("temperature " + RegisterValues.float32(registers, 0, WordOrder.CDAB));
      client.readCoils(1, 0, 8)                    // asynchronous: completes on the client's reader thread
          .thenAccept(coils -> System.out.println("coils " + coils.coilStatus()[0]))
          .join();
      try {
        modbus.readHoldingRegisters(7, 0, 1);      // a unit the simulator does not serve
      } catch (ModbusExceptionResponseException e) {
        System.out.printf("unit 7: exception 0x%02X%n", e.exceptionCode());   // 0x0B: no such unit
      }
    }
  }
}
