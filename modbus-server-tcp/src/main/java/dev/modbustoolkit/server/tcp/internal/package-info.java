/** Implementation of the Modbus TCP server: accept loop, connections, limiter, metrics, JMX. Not exported. */
@NullMarked
package dev.modbustoolkit.server.tcp.internal;

import org.jspecify.annotations.NullMarked;
