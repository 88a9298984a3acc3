/** Fault-file parsing on Jackson's tree model; not exported. */
@NullMarked
package dev.modbustoolkit.fault.config.internal;

import org.jspecify.annotations.NullMarked;
