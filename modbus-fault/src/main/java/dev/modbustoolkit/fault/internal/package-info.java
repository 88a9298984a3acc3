/** Implementation of the fault pipeline; not exported. */
@NullMarked
package dev.modbustoolkit.fault.internal;

import org.jspecify.annotations.NullMarked;
