/** The simulator's implementation: command line parsing, fault-file reading, help and summary texts. */
@NullMarked
package dev.modbustoolkit.simulator.internal;

import org.jspecify.annotations.NullMarked;
