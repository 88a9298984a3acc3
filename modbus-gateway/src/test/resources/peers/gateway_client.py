"""pymodbus 3.x Modbus TCP clients in front of the gateway (the upstream peer of the gateway's interop tests).
Prints one "name=value" line per call; the Java test checks the values against the device behind the gateway.

Usage:
  gateway_client.py functions HOST PORT UNIT CHECK[,CHECK...]
      CHECK: tables (FC 01-06, 0F, 10, 16, 17 and exception 02), fc07, fc08, fc0b, fc0c, fc11, fc14, fc15, fc18,
      fc2b
  gateway_client.py dead HOST PORT DEAD_UNIT TIMES ALIVE_UNIT[,ALIVE_UNIT...]
      reads the unit nobody answers TIMES times (exception code and milliseconds each), then each alive unit
  gateway_client.py many HOST PORT CLIENTS ROUNDS UNIT[,UNIT...]
      CLIENTS clients at once, each on its own TCP connection and thread; client k talks to unit UNITS[k % n],
      writes holding register 80 + k and reads it back ROUNDS times, and reads input registers 0..9 each round
Exit code 0 when it ran to the end (errors are printed as values); 2 when it cannot connect.
"""
import logging
import struct
import sys
import threading
import time

from pymodbus.client import ModbusTcpClient
from pymodbus.diag_message import ReturnQueryDataRequest
from pymodbus.file_message import (
    FileRecord, ReadFifoQueueRequest, ReadFifoQueueResponse, ReadFileRecordRequest, WriteFileRecordRequest)
from pymodbus.mei_message import ReadDeviceInformationRequest
from pymodbus.other_message import (
    GetCommEventCounterRequest, GetCommEventLogRequest, ReadExceptionStatusRequest, ReportSlaveIdRequest)

logging.basicConfig(level=logging.CRITICAL)


def _decode_fifo_as_the_spec_says(self, data):
    # pymodbus 3.0 reads the FIFO count as a byte count plus 4 (no value for a count of 3); the spec (AP 6.18):
    # byte count (2 bytes), FIFO count = number of registers (2 bytes), then the registers.
    _, count = struct.unpack(">HH", data[0:4])
    self.values = [struct.unpack(">H", data[4 + 2 * i:6 + 2 * i])[0] for i in range(count)]


ReadFifoQueueResponse.decode = _decode_fifo_as_the_spec_says


def ints(values):
    return ",".join(str(int(v)) for v in values)


def connect(host, port):
    client = ModbusTcpClient(host, port=port, timeout=10, retries=0)
    if not client.connect():
        print("connect=failed", flush=True)
        sys.exit(2)
    return client


def show(name, r, value):
    """Prints name=value(r), or name=error:CODE for an exception response, or name=error:TEXT for no answer."""
    if r is None or not hasattr(r, "isError"):
        print(f"{name}=error:{r}")
    elif r.isError():
        print(f"{name}=error:{getattr(r, 'exception_code', r)}")
    else:
        print(f"{name}={value(r)}")


def tables(c, unit):
    show("fc01", c.read_coils(0, 20, slave=unit), lambda r: ints(r.bits[:20]))
    show("fc02", c.read_discrete_inputs(3, 13, slave=unit), lambda r: ints(r.bits[:13]))
    show("fc03", c.read_holding_registers(0, 10, slave=unit), lambda r: ints(r.registers))
    show("fc03_end", c.read_holding_registers(96, 4, slave=unit), lambda r: ints(r.registers))
    show("fc04", c.read_input_registers(5, 5, slave=unit), lambda r: ints(r.registers))
    show("fc05", c.write_coil(1, True, slave=unit), lambda r: ints([r.value]))
    show("fc05_back", c.read_coils(0, 3, slave=unit), lambda r: ints(r.bits[:3]))
    show("fc06", c.write_register(20, 0xBEEF, slave=unit), lambda r: ints([r.value]))
    show("fc06_back", c.read_holding_registers(20, 1, slave=unit), lambda r: ints(r.registers))
    written = [True, False, True, True, False, False, True, False, True]
    show("fc0f", c.write_coils(30, written, slave=unit), lambda r: f"{r.address}/{r.count}")
    show("fc0f_back", c.read_coils(30, len(written), slave=unit), lambda r: ints(r.bits[:len(written)]))
    show("fc10", c.write_registers(40, [1, 2, 0xFFFF], slave=unit), lambda r: f"{r.address}/{r.count}")
    show("fc10_back", c.read_holding_registers(40, 4, slave=unit), lambda r: ints(r.registers))
    # pymodbus 3.0 passes these two calls' keywords to the request, which takes unit=, not slave= (slave= would be
    # dropped and the request sent to unit 0)
    show("fc16", c.mask_write_register(address=50, and_mask=0x00F2, or_mask=0x0025, unit=unit),
         lambda r: f"{r.and_mask}/{r.or_mask}")
    show("fc16_back", c.read_holding_registers(50, 1, slave=unit), lambda r: ints(r.registers))
    show("fc17", c.readwrite_registers(read_address=60, read_count=3, write_address=60, write_registers=[7, 8],
                                       unit=unit), lambda r: ints(r.registers))
    show("fc03_outside", c.read_holding_registers(100, 1, slave=unit), lambda r: ints(r.registers))
    show("fc01_outside", c.read_coils(95, 10, slave=unit), lambda r: ints(r.bits))


def fc07(c, unit):
    show("fc07", c.execute(ReadExceptionStatusRequest(unit=unit)), lambda r: str(r.status))


def fc08(c, unit):
    # one word: pymodbus's RTU server frames an 08/00 request as one data word, and does not answer a longer one
    show("fc08", c.execute(ReturnQueryDataRequest([0xA55A], unit=unit)), lambda r: ints(r.message))


def fc0b(c, unit):
    # twice, with a read between: the read must show in the device's counter
    show("fc0b", c.execute(GetCommEventCounterRequest(unit=unit)), lambda r: f"{r.count}/{r.status}")
    c.read_holding_registers(0, 1, slave=unit)
    show("fc0b_after_read", c.execute(GetCommEventCounterRequest(unit=unit)), lambda r: f"{r.count}/{r.status}")


def fc0c(c, unit):
    show("fc0c", c.execute(GetCommEventLogRequest(unit=unit)),
         lambda r: f"{r.status}/{r.event_count}/{r.message_count}/{len(r.events)}")


def fc11(c, unit):
    show("fc11", c.execute(ReportSlaveIdRequest(unit=unit)), lambda r: f"{bytes(r.identifier).hex()}/{r.status}")


def fc14(c, unit):
    request = ReadFileRecordRequest(records=[FileRecord(file_number=4, record_number=7, record_length=2)], unit=unit)
    show("fc14", c.execute(request), lambda r: ",".join(bytes(x.record_data).hex() for x in r.records))


def fc15(c, unit):
    record = FileRecord(file_number=4, record_number=7, record_data=bytes.fromhex("06af04be"))
    show("fc15", c.execute(WriteFileRecordRequest(records=[record], unit=unit)),
         lambda r: ",".join(f"{x.file_number}/{x.record_number}/{bytes(x.record_data).hex()}" for x in r.records))


def fc18(c, unit):
    show("fc18", c.execute(ReadFifoQueueRequest(70, unit=unit)), lambda r: ints(r.values))


def fc2b(c, unit):
    show("fc2b", c.execute(ReadDeviceInformationRequest(read_code=0x01, object_id=0x00, unit=unit)),
         lambda r: ";".join(f"{k}:{bytes(v).decode()}" for k, v in sorted(r.information.items())))


CHECKS = {"tables": tables, "fc07": fc07, "fc08": fc08, "fc0b": fc0b, "fc0c": fc0c, "fc11": fc11, "fc14": fc14,
          "fc15": fc15, "fc18": fc18, "fc2b": fc2b}


def functions(host, port, unit, checks):
    c = connect(host, port)
    try:
        for check in checks.split(","):
            CHECKS[check](c, unit)
    finally:
        c.close()


def dead(host, port, dead_unit, times, alive):
    c = connect(host, port)
    try:
        for i in range(times):
            start = time.monotonic()
            r = c.read_holding_registers(0, 1, slave=dead_unit)
            elapsed = int((time.monotonic() - start) * 1000)
            print(f"dead{i}={getattr(r, 'exception_code', r)}")
            print(f"dead{i}_ms={elapsed}")
        for unit in alive:
            show(f"alive{unit}", c.read_holding_registers(7, 1, slave=unit), lambda r: ints(r.registers))
    finally:
        c.close()


def many(host, port, clients, rounds, units):
    barrier = threading.Barrier(clients)
    results = {}

    def run(k):
        unit = units[k % len(units)]
        c = ModbusTcpClient(host, port=port, timeout=20, retries=0)
        try:
            if not c.connect():
                results[k] = "connect failed"
                return
            barrier.wait(timeout=30)
            for n in range(rounds):
                value = 100 * k + n
                w = c.write_register(80 + k, value, slave=unit)
                if w.isError() or w.value != value:
                    results[k] = f"round {n}: write {value} answered {w}"
                    return
                r = c.read_holding_registers(80 + k, 1, slave=unit)
                if r.isError() or r.registers != [value]:
                    results[k] = f"round {n}: wrote {value}, read {getattr(r, 'registers', r)}"
                    return
                i = c.read_input_registers(0, 10, slave=unit)
                if i.isError() or i.registers != [2000 + a for a in range(10)]:
                    results[k] = f"round {n}: input registers {getattr(i, 'registers', i)}"
                    return
            results[k] = f"ok {rounds}"
        except Exception as e:  # noqa: BLE001 - reported as the client's result
            results[k] = f"failed: {e!r}"
        finally:
            c.close()

    threads = [threading.Thread(target=run, args=(k,), daemon=True) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    for k in range(clients):
        print(f"client{k}=unit {units[k % len(units)]} {results.get(k, 'did not finish')}")


mode, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
if mode == "functions":
    functions(host, port, int(sys.argv[4]), sys.argv[5])
elif mode == "dead":
    dead(host, port, int(sys.argv[4]), int(sys.argv[5]), [int(u) for u in sys.argv[6].split(",")])
else:
    many(host, port, int(sys.argv[4]), int(sys.argv[5]), [int(u) for u in sys.argv[6].split(",")])
