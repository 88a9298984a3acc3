/** Implementation of the extension: device specifications, resource lookup, starting and stopping. */
@NullMarked
package dev.modbustoolkit.junit.internal;

import org.jspecify.annotations.NullMarked;
