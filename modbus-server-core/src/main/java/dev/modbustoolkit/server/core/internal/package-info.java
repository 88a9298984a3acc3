/** Implementation helpers of the server core; not exported. */
@NullMarked
package dev.modbustoolkit.server.core.internal;

import org.jspecify.annotations.NullMarked;
