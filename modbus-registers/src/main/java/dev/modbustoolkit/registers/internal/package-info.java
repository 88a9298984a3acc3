/** Implementation details of the register stores: address layouts, word-order codecs, listener lists. */
@NullMarked
package dev.modbustoolkit.registers.internal;

import org.jspecify.annotations.NullMarked;
