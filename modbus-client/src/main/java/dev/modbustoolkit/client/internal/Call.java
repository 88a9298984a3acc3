package dev.modbustoolkit.client.internal;

import dev.modbustoolkit.pdu.ModbusRequest;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One request of a client, across its attempts. Mutable, and guarded by the engine's lock except for the fields
 * fixed at creation.
 */
final class Call {
  final int unitId;
  final int functionCode;
  final byte[] pdu;
  /** The typed request whose answer is decoded and checked, or null for a raw call. */
  final @Nullable ModbusRequest request;
  final boolean broadcast;
  final boolean read;
  /** The answer PDU length the request tells (FC 08 echoes), or -1. */
  final int expectedPduLength;
  final CompletableFuture<Object> future = new CompletableFuture<>();

  int attempt;
  int transactionId = -1;
  boolean sent;
  long firstSentNanos;
  /** When this attempt times out ({@link System#nanoTime()}), covering queue wait, write and answer. */
  long deadlineNanos;

  Call(int unitId, byte[] pdu, @Nullable ModbusRequest request, boolean broadcast) {
    this.unitId = unitId;
    this.pdu = pdu;
    this.functionCode = pdu[0] & 0xFF;
    this.request = request;
    this.broadcast = broadcast;
    this.read = Safety.isRead(pdu);
    this.expectedPduLength = functionCode == 0x08 ? pdu.length : -1;
  }

  String describe() {
    return "function code 0x" + String.format("%02X", functionCode) + " to unit " + unitId;
  }
}
