/**
 * What the servers share for JMX: {@link dev.modbustoolkit.transport.jmx.FaultStatistics}, the open-type view of
 * one fault's counters that every server MXBean returns, and {@link
 * dev.modbustoolkit.transport.jmx.JmxRegistration}, the one place that picks a free object name and registers a
 * server's MXBean in the platform MBean server.
 */
@NullMarked
package dev.modbustoolkit.transport.jmx;

import org.jspecify.annotations.NullMarked;
