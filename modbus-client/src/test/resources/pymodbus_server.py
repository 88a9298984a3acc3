"""A pymodbus 3.x server for the client's interop tests: unit 1 only, 100 of each table, requests to other units
ignored (the client times out), broadcasts executed.

Usage:
  pymodbus_server.py tcp HOST PORT
  pymodbus_server.py serial DEVICE BAUD FRAMER(rtu|ascii)

The tables (the Java test checks these values): coil i = (i % 3 == 0), discrete input i = (i % 2 == 0),
holding register i = 1000 + i, input register i = 2000 + i, for i in 0..99; address 100 and beyond is outside the
map (exception 02). Prints "serving" once it listens (TCP; a bind error ends it with the error) or just before it
opens the line (serial); stopped by SIGTERM.
"""
import asyncio
import logging
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.device import ModbusDeviceIdentification
from pymodbus.framer.ascii_framer import ModbusAsciiFramer
from pymodbus.framer.rtu_framer import ModbusRtuFramer
from pymodbus.server import StartAsyncTcpServer, StartSerialServer

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



async def serve_tcp(host, port):
    # allow_reuse_address: a restart on the same port must not wait for the old connections' TIME_WAIT
    server = await StartAsyncTcpServer(context=context, identity=identity, address=(host, port), defer_start=True,
                                       allow_reuse_address=True, ignore_missing_slaves=True, broadcast_enable=True)
    serving = asyncio.create_task(server.serve_forever())
    await asyncio.wait([serving, server.serving], return_when=asyncio.FIRST_COMPLETED)
    if serving.done():
        serving.result()  # failed before it listened: raise its error
    print("serving", flush=True)
    await serving


kind = sys.argv[1]
if kind == "tcp":
    asyncio.run(serve_tcp(sys.argv[2], int(sys.argv[3])))
else:
    print("serving", flush=True)
    framer = {"rtu": ModbusRtuFramer, "ascii": ModbusAsciiFramer}[sys.argv[4]]
    StartSerialServer(context=context, identity=identity, framer=framer, port=sys.argv[2],
                      baudrate=int(sys.argv[3]), bytesize=8, parity="N", stopbits=1, timeout=0.05,
                      ignore_missing_slaves=True, broadcast_enable=True)
