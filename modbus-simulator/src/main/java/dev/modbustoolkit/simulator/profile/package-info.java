/**
 * Device profiles: what a simulated device holds, as read from a YAML or JSON profile file ({@code --profile}).
 *
 * <p>The records here are the validated content of a profile ({@link DeviceProfile}: units, their register maps,
 * typed points, moving values, identification); {@link ProfileLoader} reads a file into them and reports every
 * error by the path of its field ({@code units[0].points[3].type}) in a {@link ProfileException}. The format is
 * described in the simulator's README and, for tools, by the JSON Schema {@code schema/profile.schema.json}
 * on the class path. What runs from a profile is in {@code dev.modbustoolkit.simulator.model}.
 */
@NullMarked
package dev.modbustoolkit.simulator.profile;

import org.jspecify.annotations.NullMarked;
