"""Drives a Modbus serial-line server with pymodbus; prints one "name=value" line per check.

Usage:
  modbus_client.py serial PORT BAUD PARITY(N|E|O) STOPBITS BYTESIZE FRAMER(rtu|ascii)
  modbus_client.py tcp HOST PORT FRAMER(rtu|ascii)       (serial frames over a TCP connection)
Exit code 0 when every call completed (the Java test checks the values); 3 when the port cannot carry the line
setting asked for (a pty carries 8 bits without parity only), 2 when it cannot connect.
"""
import errno
import logging
import sys
import termios

from pymodbus.client import ModbusSerialClient, ModbusTcpClient
from pymodbus.framer.ascii_framer import ModbusAsciiFramer
from pymodbus.framer.rtu_framer import ModbusRtuFramer

logging.basicConfig(level=logging.CRITICAL)

kind = sys.argv[1]
FRAMERS = {"rtu": ModbusRtuFramer, "ascii": ModbusAsciiFramer}

if kind == "serial":
    port, baud, parity, stopbits, bytesize = sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(
        sys.argv[6])
    framer = FRAMERS[sys.argv[7]]

    def line_in_force(serial_port):
        # what the terminal really holds: a pty keeps 8 bits without parity whatever was asked for
        cflag = termios.tcgetattr(serial_port.fileno())[2]
        bits = {termios.CS5: 5, termios.CS6: 6, termios.CS7: 7, termios.CS8: 8}[cflag & termios.CSIZE]
        parity_in_force = "N" if not cflag & termios.PARENB else ("O" if cflag & termios.PARODD else "E")
        return f"{bits}{parity_in_force}"

    client = ModbusSerialClient(port=port, framer=framer, baudrate=baud, parity=parity, stopbits=stopbits,
                                bytesize=bytesize, timeout=1, retries=0, broadcast_enable=True)
    # No fallback to another line setting: a setting the port cannot carry fails the run (exit 3), so that a test
    # never claims a line setting it did not use. pymodbus reopens the port after a timeout: the second open must
    # work too.
    try:
        connected = client.connect()
        if connected:
            client.close()
            connected = client.connect()
    except termios.error as e:
        if e.args[0] != errno.EINVAL:
            raise
        print(f"line_refused={bytesize}{parity}: {e}")
        sys.exit(3)
    if connected:
        in_force = line_in_force(client.socket)
        if in_force != f"{bytesize}{parity}":
            print(f"line_refused={bytesize}{parity}: the port holds {in_force}")
            sys.exit(3)
        print(f"client_line={in_force}")
else:
    client = ModbusTcpClient(host=sys.argv[2], port=int(sys.argv[3]), framer=FRAMERS[sys.argv[4]], timeout=1,
                             retries=0, broadcast_enable=True)
    connected = client.connect()

if not connected:
    print("connect=failed")
    sys.exit(2)


def show(name, result):
    if result is None or result.isError():
        print(f"{name}=error:{result}")
    elif hasattr(result, "registers"):
        print(f"{name}={','.join(str(v) for v in result.registers)}")
    elif hasattr(result, "bits"):
        print(f"{name}={','.join('1' if b else '0' for b in result.bits[:8])}")
    else:
        print(f"{name}=ok")


show("read_unit1", client.read_holding_registers(0, 10, slave=1))
show("write_single", client.write_register(4, 1234, slave=1))
show("write_multiple", client.write_registers(20, [1, 2, 3], slave=1))
show("read_back", client.read_holding_registers(20, 3, slave=1))
show("read_unit2", client.read_holding_registers(0, 2, slave=2))
show("coils", client.read_coils(0, 8, slave=1))
show("exception", client.read_holding_registers(0, 126, slave=1))
# unit 9 is another device on the bus: the server must stay silent (the client times out)
show("other_unit", client.read_holding_registers(0, 1, slave=9))
# a broadcast write reaches both units and is not answered
client.write_register(30, 77, slave=0)
show("after_broadcast", client.read_holding_registers(30, 1, slave=2))
client.close()
