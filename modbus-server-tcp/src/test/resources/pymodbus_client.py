"""Interoperability client for ModbusTcpServer tests: pymodbus (3.0) talks to the server under test.

Usage: python3 pymodbus_client.py HOST PORT
Prints one `name=value` line per operation; the Java test (PymodbusInteropIT) checks them and the device state.
"""
import sys
import types

try:
    import serial_asyncio  # noqa: F401
except ImportError:
    # Debian's python3-pymodbus 3.0.0 imports serial_asyncio unconditionally but does not depend on it.
    # Only the TCP client is used here, so an empty stand-in is enough.
    stub = types.ModuleType("serial_asyncio")
    stub.create_serial_connection = None
    sys.modules["serial_asyncio"] = stub

from pymodbus.client import ModbusTcpClient  # noqa: E402

UNIT = 1


def ints(values):
    return ",".join(str(int(v)) for v in values)


def check(name, response):
    if response.isError():
        print(f"{name}=error {response}")
        return False
    return True


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    client = ModbusTcpClient(host, port=port, timeout=5, retries=0)
    if not client.connect():
        print("connect=failed")
        return 1
    try:
        r = client.read_coils(0, 16, slave=UNIT)
        if check("coils", r):
            print("coils=" + ints(r.bits[:16]))
        r = client.read_discrete_inputs(100, 16, slave=UNIT)
        if check("discrete", r):
            print("discrete=" + ints(r.bits[:16]))
        r = client.read_holding_registers(200, 10, slave=UNIT)
        if check("holding", r):
            print("holding=" + ints(r.registers))
        r = client.read_input_registers(300, 10, slave=UNIT)
        if check("input", r):
            print("input=" + ints(r.registers))
        r = client.write_coil(20, True, slave=UNIT)
        if check("write_coil", r):
            print("write_coil=ok")
        r = client.write_coils(30, [True, False, True, True, False, False, True, False, True, True], slave=UNIT)
        if check("write_coils", r):
            print("write_coils=ok")
        r = client.write_register(400, 0xBEEF, slave=UNIT)
        if check("write_register", r):
            print("write_register=ok")
        r = client.write_registers(410, [1, 2, 3, 65535, 0], slave=UNIT)
        if check("write_registers", r):
            print("write_registers=ok")
        r = client.mask_write_register(address=420, and_mask=0xF2, or_mask=0x25, slave=UNIT)
        if check("mask_write", r):
            print("mask_write=ok")
        r = client.readwrite_registers(
            read_address=430, read_count=5, write_address=430, write_registers=[7, 8, 9], slave=UNIT)
        if check("readwrite", r):
            print("readwrite=" + ints(r.registers))
        r = client.read_holding_registers(0, 1, slave=9)
        print("unknown_unit=" + str(getattr(r, "exception_code", "none")))
    finally:
        client.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
