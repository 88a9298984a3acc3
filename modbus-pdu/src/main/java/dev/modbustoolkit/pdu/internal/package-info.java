/** Implementation of the PDU codec, one class per function-code family; not exported. */
@NullMarked
package dev.modbustoolkit.pdu.internal;

import org.jspecify.annotations.NullMarked;
