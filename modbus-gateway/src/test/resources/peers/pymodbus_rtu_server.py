"""A pymodbus 3.x RTU server on a serial line, the downstream device of the gateway's interop tests: unit 1 only,
100 of each table, requests to other units ignored (the gateway's client times out and answers 0x0B upstream).

Usage: pymodbus_rtu_server.py DEVICE BAUD

The tables (the Java test checks these values, see PeerDevice): coil i = (i % 3 == 0), discrete input
i = (i % 2 == 0), holding register i = 1000 + i, input register i = 2000 + i, for i in 0..99; address 100 and beyond
is outside the map (exception 02). Prints "serving" just before it opens the line; stopped by SIGTERM.
"""
import logging
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.device import ModbusDeviceIdentification
from pymodbus.framer.rtu_framer import ModbusRtuFramer
from pymodbus.server import StartSerialServer

logging.basicConfig(level=logging.CRITICAL)

SIZE = 100
unit = ModbusSlaveContext(
    co=ModbusSequentialDataBlock(0, [i % 3 == 0 for i in range(SIZE)]),
    di=ModbusSequentialDataBlock(0, [i % 2 == 0 for i in range(SIZE)]),
    hr=ModbusSequentialDataBlock(0, [1000 + i for i in range(SIZE)]),
    ir=ModbusSequentialDataBlock(0, [2000 + i for i in range(SIZE)]),
    zero_mode=True)
context = ModbusServerContext(slaves={1: unit}, single=False)
identity = ModbusDeviceIdentification(
    info_name={"VendorName": "modbus-toolkit-it", "ProductCode": "PYM", "MajorMinorRevision": "3.0"})

print("serving", flush=True)
StartSerialServer(context=context, identity=identity, framer=ModbusRtuFramer, port=sys.argv[1],
                  baudrate=int(sys.argv[2]), bytesize=8, parity="N", stopbits=1, timeout=0.05,
                  ignore_missing_slaves=True, broadcast_enable=True)
