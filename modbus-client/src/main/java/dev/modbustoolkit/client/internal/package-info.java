/** The client's engine, framings and links; not API. */
@NullMarked
package dev.modbustoolkit.client.internal;

import org.jspecify.annotations.NullMarked;
