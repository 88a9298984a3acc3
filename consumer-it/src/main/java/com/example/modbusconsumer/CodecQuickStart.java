package com.example.modbusconsumer;

import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.pdu.ModbusPduCodec;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.PduValueException;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/** The README's codec quick start ("The codec alone"), as it stands there, with its comments turned into checks. */
final class CodecQuickStart {
  private CodecQuickStart() {}

  static String run() {
    ByteBuffer buf = ByteBuffer.allocate(ModbusLimits.MAX_PDU_LENGTH);
    ModbusPduCodec.encode(new ReadHoldingRegistersRequest(0x006B, 3), buf);   // 03 00 6B 00 03, no allocation
    buf.flip();
    ModbusRequest request = ModbusPduCodec.decodeRequest(buf);                // ReadHoldingRegistersRequest[address=107, quantity=3]

    String hex = HexFormat.of().formatHex(buf.array(), 0, buf.limit());
    Check.equal("03006b0003", hex, "encoded FC03 request");
    Check.equal(new ReadHoldingRegistersRequest(107, 3), request, "decoded request");
    Check.equal("ReadHoldingRegistersRequest[address=107, quantity=3]", request.toString(), "decoded request's text");
    try {
      new ReadHoldingRegistersRequest(0, 126);
      throw new IllegalStateException("quantity 126 was accepted");
    } catch (PduValueException expected) {
      Check.isTrue(expected.getMessage().contains("126"), "the error names 126: " + expected.getMessage());
    }
    return "codec " + hex + " -> " + request;
  }
}
