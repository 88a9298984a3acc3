/**
 * Small helpers for the servers' integration tests of fault plans on real sockets: telling a graceful close
 * (FIN) from a reset (RST) and from a connection held open, as a client sees them.
 */
@NullMarked
package dev.modbustoolkit.fault.testing;

import org.jspecify.annotations.NullMarked;
