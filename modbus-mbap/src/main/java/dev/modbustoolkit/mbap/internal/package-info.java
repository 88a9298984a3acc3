/** Implementation helpers of the MBAP module; not exported. */
@NullMarked
package dev.modbustoolkit.mbap.internal;

import org.jspecify.annotations.NullMarked;
