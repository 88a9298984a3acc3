/**
 * Modbus TCP framing: {@link dev.modbustoolkit.mbap.MbapHeader}, the streaming
 * {@link dev.modbustoolkit.mbap.MbapFrameDecoder} and the allocation-free
 * {@link dev.modbustoolkit.mbap.MbapFrameEncoder}.
 */
@NullMarked
package dev.modbustoolkit.mbap;

import org.jspecify.annotations.NullMarked;
