/**
 * What runs from a profile: a {@link DeviceModel} of units, their data and their named {@link Point}s, and the
 * {@link ValueEngine} that moves the values.
 *
 * <p>Built for steering from outside (an admin API, a test): every point is found by name
 * ({@link DeviceModel#point(int, String)}, {@link PointTable#point(String)}), read and written as a typed value
 * ({@link Point#read()}, {@link Point#write}), and the whole device can be {@linkplain DeviceModel#snapshot()
 * snapshotted}, {@linkplain DeviceModel#restore restored} and {@linkplain DeviceModel#reset() reset to the
 * profile}.
 */
@NullMarked
package dev.modbustoolkit.simulator.model;

import org.jspecify.annotations.NullMarked;
