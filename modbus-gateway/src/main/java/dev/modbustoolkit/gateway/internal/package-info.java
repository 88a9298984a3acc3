/** The gateway's forwarder, device health and read cache; not API. */
@NullMarked
package dev.modbustoolkit.gateway.internal;

import org.jspecify.annotations.NullMarked;
