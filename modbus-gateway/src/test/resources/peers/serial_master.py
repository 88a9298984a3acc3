"""A pymodbus 3.x RTU master on a serial line whose device is the gateway (its --listen-rtu side).
Prints one "name=value" line per call; the Java test checks the values against the device behind the gateway.

Usage:
  serial_master.py PORT BAUD UNIT
      reads holding registers 0..9 of UNIT, writes register 4 (FC06) and registers 20..22 (FC16) and reads them
      back, reads input registers 0..4 and coils 0..7, asks for 126 registers (exception 0x03 expected), reads one
      register of unit 9, which no route covers (no answer expected), then register 0 of UNIT again
Exit code 0 when it ran to the end (errors are printed as values); 2 when it cannot open the port.
"""
import logging
import sys

from pymodbus.client import ModbusSerialClient
from pymodbus.framer.rtu_framer import ModbusRtuFramer

logging.basicConfig(level=logging.CRITICAL)

port, baud, unit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
# 8N1: a pty holds 8 bits without parity whatever is asked for, and pymodbus checks nothing of it.
client = ModbusSerialClient(port=port, framer=ModbusRtuFramer, baudrate=baud, parity="N", stopbits=1, bytesize=8,
                            timeout=1, retries=0)
if not client.connect():
    print("connect=failed", flush=True)
    sys.exit(2)


def show(name, result):
    if result is None or result.isError():
        code = getattr(result, "exception_code", None)
        print(f"{name}=exception:{code}" if code is not None else f"{name}=error:{result}", flush=True)
    elif hasattr(result, "registers"):
        print(f"{name}={','.join(str(v) for v in result.registers)}", flush=True)
    elif hasattr(result, "bits"):
        print(f"{name}={','.join('1' if b else '0' for b in result.bits[:8])}", flush=True)
    else:
        print(f"{name}=ok", flush=True)


show("holding", client.read_holding_registers(0, 10, slave=unit))
show("write_single", client.write_register(4, 1234, slave=unit))
show("write_multiple", client.write_registers(20, [7, 8, 9], slave=unit))
show("read_back", client.read_holding_registers(20, 3, slave=unit))
show("input", client.read_input_registers(0, 5, slave=unit))
show("coils", client.read_coils(0, 8, slave=unit))
show("too_many", client.read_holding_registers(0, 126, slave=unit))
show("other_unit", client.read_holding_registers(0, 1, slave=9))
show("after", client.read_holding_registers(0, 1, slave=unit))
client.close()
