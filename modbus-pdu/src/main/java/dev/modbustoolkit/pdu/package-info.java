/** Modbus protocol data units (PDUs): requests, responses and their codec. */
@NullMarked
package dev.modbustoolkit.pdu;

import org.jspecify.annotations.NullMarked;
