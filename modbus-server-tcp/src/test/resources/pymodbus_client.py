"""Interoperability client for ModbusTcpServer tests: pymodbus (3.0) talks to the server under test.

Usage: python3 pymodbus_client.py HOST PORT
Prints one `name=value` line per operation; the Java test (PymodbusInteropIT) checks them and the device state.
Every function code pymodbus has a request for: 01-08 (every diagnostics sub-function), 0B, 0C, 0F, 10, 11, 14,
15, 16, 17, 18, 2B/0E (basic, regular, extended with "more follows", individual); listen-only mode at the end.
"""
import struct
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
from pymodbus.diag_message import (  # noqa: E402
    ChangeAsciiInputDelimiterRequest, ClearCountersRequest, ClearOverrunCountRequest, ForceListenOnlyModeRequest,
    RestartCommunicationsOptionRequest, ReturnBusCommunicationErrorCountRequest, ReturnBusExceptionErrorCountRequest,
    ReturnBusMessageCountRequest, ReturnDiagnosticRegisterRequest, ReturnQueryDataRequest,
    ReturnSlaveBusCharacterOverrunCountRequest, ReturnSlaveBusyCountRequest, ReturnSlaveMessageCountRequest,
    ReturnSlaveNAKCountRequest, ReturnSlaveNoResponseCountRequest)
from pymodbus.file_message import (  # noqa: E402
    FileRecord, ReadFifoQueueRequest, ReadFileRecordRequest, WriteFileRecordRequest)
from pymodbus.mei_message import ReadDeviceInformationRequest  # noqa: E402
from pymodbus.file_message import ReadFifoQueueResponse  # noqa: E402
from pymodbus.other_message import (  # noqa: E402
    GetCommEventCounterRequest, GetCommEventLogRequest, ReadExceptionStatusRequest, ReportSlaveIdRequest)


def _decode_fifo_as_the_spec_says(self, data):
    # pymodbus 3.0 reads the FIFO count as a byte count plus 4 (range(0, count - 4): no value for count 3); the
    # spec (AP 6.18): byte count (2 bytes), FIFO count = number of registers (2 bytes), then the registers.
    _, count = struct.unpack(">HH", data[0:4])
    self.values = [struct.unpack(">H", data[4 + 2 * i:6 + 2 * i])[0] for i in range(count)]


ReadFifoQueueResponse.decode = _decode_fifo_as_the_spec_says

UNIT = 1


def ints(values):
    return ",".join(str(int(v)) for v in values)


def check(name, response):
    if response.isError():
        print(f"{name}=error {response}")
        return False
    return True


def words(response):
    message = getattr(response, "message", None)
    if isinstance(message, (list, tuple)):
        return ints(message)
    return str(message)


def diag(client, name, request):
    r = client.execute(request)
    if check(name, r):
        print(f"{name}={words(r)}")


def every_other_function(client, host, port):
    """07, 08, 0B, 0C, 11, 14, 15, 18, 2B/0E, then listen-only mode; counters from a clear on (spec 6.8-6.10)."""
    diag(client, "diag_clear", ClearCountersRequest(unit=UNIT))
    r = client.execute(ReadExceptionStatusRequest(unit=UNIT))
    if check("exception_status", r):
        print(f"exception_status={r.status}")
    diag(client, "diag_echo", ReturnQueryDataRequest([0xA537, 0x0102], unit=UNIT))
    diag(client, "diag_register", ReturnDiagnosticRegisterRequest(unit=UNIT))
    diag(client, "bus_messages", ReturnBusMessageCountRequest(unit=UNIT))
    diag(client, "bus_comm_errors", ReturnBusCommunicationErrorCountRequest(unit=UNIT))
    diag(client, "bus_exceptions_before", ReturnBusExceptionErrorCountRequest(unit=UNIT))
    r = client.read_holding_registers(0, 126, slave=UNIT)  # quantity out of range: exception 03
    print("quantity_126=" + str(getattr(r, "exception_code", "none")))
    diag(client, "bus_exceptions", ReturnBusExceptionErrorCountRequest(unit=UNIT))
    diag(client, "server_messages", ReturnSlaveMessageCountRequest(unit=UNIT))
    diag(client, "server_no_response", ReturnSlaveNoResponseCountRequest(unit=UNIT))
    diag(client, "server_nak", ReturnSlaveNAKCountRequest(unit=UNIT))
    diag(client, "server_busy", ReturnSlaveBusyCountRequest(unit=UNIT))
    diag(client, "char_overrun", ReturnSlaveBusCharacterOverrunCountRequest(unit=UNIT))
    diag(client, "clear_overrun", ClearOverrunCountRequest(unit=UNIT))
    r = client.execute(GetCommEventCounterRequest(unit=UNIT))
    if check("event_counter", r):
        print(f"event_counter={r.count} status={r.status}")
    r = client.execute(GetCommEventLogRequest(unit=UNIT))
    if check("event_log", r):
        print(f"event_log_counts={r.event_count},{r.message_count}")
        print("event_log=" + " ".join(f"{e:02X}" for e in r.events))
    r = client.execute(ReportSlaveIdRequest(unit=UNIT))
    if check("server_id", r):
        print("server_id=" + bytes(r.identifier).hex())
    record = FileRecord(file_number=4, record_number=1, record_data=bytes.fromhex("123456789abc"))
    r = client.execute(WriteFileRecordRequest(records=[record], unit=UNIT))
    if check("write_file", r):
        print("write_file=" + ",".join(f"{x.file_number}/{x.record_number}/{bytes(x.record_data).hex()}"
                                       for x in r.records))
    r = client.execute(ReadFileRecordRequest(
        records=[FileRecord(file_number=4, record_number=0, record_length=4)], unit=UNIT))
    if check("read_file", r):
        print("read_file=" + ",".join(bytes(x.record_data).hex() for x in r.records))
    r = client.execute(ReadFileRecordRequest(
        records=[FileRecord(file_number=9, record_number=0, record_length=1)], unit=UNIT))
    print("read_missing_file=" + str(getattr(r, "exception_code", "none")))
    r = client.execute(ReadFifoQueueRequest(500, unit=UNIT))
    if check("fifo", r):
        print("fifo=" + ints(r.values))
    r = client.execute(ReadDeviceInformationRequest(read_code=0x01, object_id=0x00, unit=UNIT))
    if check("device_id_basic", r):
        print("device_id_basic=" + ";".join(f"{k}:{bytes(v).decode()}" for k, v in sorted(r.information.items())))
        print(f"device_id_basic_more={r.more_follows},{r.conformity}")
    # Extended objects of 200 bytes each cannot fit one answer: read on while "more follows" says so.
    objects, calls, next_id = {}, 0, 0x00
    while True:
        r = client.execute(ReadDeviceInformationRequest(read_code=0x03, object_id=next_id, unit=UNIT))
        calls += 1
        if not check("device_id_extended", r):
            break
        objects.update(r.information)
        if r.more_follows != 0xFF or calls > 20:
            break
        next_id = r.next_object_id
    print(f"device_id_extended_calls={calls}")
    print("device_id_extended_ids=" + ",".join(f"{k:02X}" for k in sorted(objects)))
    print("device_id_extended_lengths=" + ",".join(str(len(objects[k])) for k in sorted(objects)))
    r = client.execute(ReadDeviceInformationRequest(read_code=0x04, object_id=0x81, unit=UNIT))
    if check("device_id_individual", r):
        print("device_id_individual=" + ";".join(f"{k:02X}:{len(v)}" for k, v in sorted(r.information.items())))
    diag(client, "ascii_delimiter", ChangeAsciiInputDelimiterRequest(0x0D00, unit=UNIT))
    diag(client, "restart", RestartCommunicationsOptionRequest(False, unit=UNIT))
    r = client.execute(GetCommEventCounterRequest(unit=UNIT))
    if check("event_counter_after_restart", r):
        print(f"event_counter_after_restart={r.count}")
    r = client.execute(GetCommEventLogRequest(unit=UNIT))
    if check("event_log_after_restart", r):
        print("event_log_after_restart=" + " ".join(f"{e:02X}" for e in r.events[:6]))
    # Listen-only mode: nothing is answered, not even the restart that ends it; then the device answers again.
    quiet = ModbusTcpClient(host, port=port, timeout=1, retries=0)
    quiet.connect()
    for name, request in (("listen_only", ForceListenOnlyModeRequest(unit=UNIT)),
                          ("read_in_listen_only", None),
                          ("restart_in_listen_only", RestartCommunicationsOptionRequest(False, unit=UNIT))):
        r = quiet.read_holding_registers(200, 1, slave=UNIT) if request is None else quiet.execute(request)
        answered = r is not None and not str(r).startswith("Modbus Error")
        print(f"{name}=" + (f"answered {r}" if answered else "no answer"))
    quiet.close()
    r = client.read_holding_registers(200, 1, slave=UNIT)
    if check("after_listen_only", r):
        print("after_listen_only=" + ints(r.registers))
    r = client.execute(GetCommEventLogRequest(unit=UNIT))
    if check("event_log_after_listen_only", r):
        print("event_log_after_listen_only=" + " ".join(f"{e:02X}" for e in r.events[:10]))


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
        every_other_function(client, host, port)
    finally:
        client.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
