/** Reading profile files: the tree walk, scalar conversions and checks, each error naming its field. */
@NullMarked
package dev.modbustoolkit.simulator.internal.profile;

import org.jspecify.annotations.NullMarked;
