/** Framing, timing and port handling of the serial server; not exported. */
@NullMarked
package dev.modbustoolkit.server.rtu.internal;

import org.jspecify.annotations.NullMarked;
