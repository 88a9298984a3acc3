/** Implementation helpers of the serial framing module; not exported. */
@NullMarked
package dev.modbustoolkit.serial.internal;

import org.jspecify.annotations.NullMarked;
