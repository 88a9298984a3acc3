/** Implementation of the transport layer: the codecs behind {@link dev.modbustoolkit.transport.FrameCodecs}. Not exported. */
@NullMarked
package dev.modbustoolkit.transport.internal;

import org.jspecify.annotations.NullMarked;
