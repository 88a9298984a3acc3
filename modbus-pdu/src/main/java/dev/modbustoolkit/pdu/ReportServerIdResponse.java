package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;
import dev.modbustoolkit.pdu.internal.Hex;
import java.util.Arrays;

/**
 * FC11 Report Server ID response: byte count 1..251, then device-specific data (conventionally server id, run indicator 0x00 = OFF / 0xFF = ON, additional data).
 *
 * @param data the bytes
 */
public record ReportServerIdResponse(byte[] data) implements ModbusResponse {
  /** Validates the fields and keeps a copy of data. */
  public ReportServerIdResponse {
    Checks.length(data.length, 1, ModbusLimits.MAX_REPORT_SERVER_ID_LENGTH, "byte count", "REPORT_SERVER_ID");
    data = data.clone();
  }

  /**
   * Assembles server id, run indicator (0xFF running, 0x00 not) and additional data.
   *
   * @param serverId the server id
   * @param running the run indicator status (on when true)
   * @param additionalData the additional data
   * @return the new {@code ReportServerIdResponse}
   */
  public static ReportServerIdResponse of(byte[] serverId, boolean running, byte[] additionalData) {
    byte[] data = new byte[serverId.length + 1 + additionalData.length];
    System.arraycopy(serverId, 0, data, 0, serverId.length);
    data[serverId.length] = (byte) (running ? 0xFF : 0x00);
    System.arraycopy(additionalData, 0, data, serverId.length + 1, additionalData.length);
    return new ReportServerIdResponse(data);
  }

  /** {@return the byte count field} */
  public int byteCount() {
    return data.length;
  }

  /** {@return a copy of the data} */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** {@return number of data bytes} */
  public int dataLength() {
    return data.length;
  }

  /**
   * Data byte i, unsigned.
   *
   * @param i the index (0-based)
   * @return the data byte
   */
  public int dataByte(int i) {
    return Byte.toUnsignedInt(data[i]);
  }

  @Override
  public int functionCode() {
    return FunctionCode.REPORT_SERVER_ID.code();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReportServerIdResponse other && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "ReportServerIdResponse[" + "data=" + Hex.bytes(data) + "]";
  }
}
