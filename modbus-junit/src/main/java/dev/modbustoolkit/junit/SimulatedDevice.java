package dev.modbustoolkit.junit;

import dev.modbustoolkit.simulator.profile.Transport;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a simulated Modbus device on a free loopback port for a test and stops it afterwards.
 *
 * <ul>
 *   <li>On a test class: one device for the class (or per method, {@link #lifecycle()}); test and lifecycle
 *       methods receive its {@link SimulatorHandle} as an unannotated parameter.
 *   <li>On a field of type {@link SimulatorHandle}: a static field holds one device for the class, an instance
 *       field a new device per test method. Several fields: several devices.
 *   <li>On a parameter of type {@link SimulatorHandle}: a device of its own for that method.
 * </ul>
 *
 * <p>Files ({@link #profile()}, {@link #faults()}) are looked up as a path (relative to the working directory)
 * and else on the class path; {@code classpath:} forces the class path. A profile or fault file that cannot be read
 * or is invalid fails the test with the loader's message, which names the field ({@code units[0].points[3].type}).
 */
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(SimulatedDeviceExtension.class)
public @interface SimulatedDevice {

  /**
   * {@return the device profile (YAML or JSON), as a path or a class path resource; empty for a plain device whose
   * {@link #units()} hold every table over 0..{@link #size()}-1}
   */
  String profile() default "";

  /** {@return the fault file (YAML or JSON), as a path or a class path resource; empty for no faults} */
  String faults() default "";

  /**
   * {@return the seed of the moving values and the fault pipeline, at most one; none: the files' seeds, else 0, so
   * that every run repeats}
   */
  long[] seed() default {};

  /**
   * {@return the transports served, each on a free loopback port: {@link Transport#TCP}, {@link
   * Transport#RTU_OVER_TCP}, {@link Transport#UDP} (not {@link Transport#SERIAL})}
   */
  Transport[] transports() default {Transport.TCP};

  /** {@return without a profile, the unit ids served} */
  int[] units() default {1};

  /** {@return without a profile, the number of addresses of every table, 1..65536} */
  int size() default 65536;

  /** {@return what moves the profile's values} */
  DeviceClock clock() default DeviceClock.SYSTEM;

  /** {@return how long the device lives} */
  Lifecycle lifecycle() default Lifecycle.DEFAULT;
}
