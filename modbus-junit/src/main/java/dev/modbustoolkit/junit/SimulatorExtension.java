package dev.modbustoolkit.junit;

import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.simulator.profile.DeviceProfile;
import dev.modbustoolkit.simulator.profile.Transport;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * A simulated device built in code, for {@code @RegisterExtension}:
 *
 * <pre>{@code
 * @RegisterExtension
 * static SimulatorExtension meter = SimulatorExtension.builder()
 *     .profile("energy-meter.yaml")
 *     .fault(FaultSpec.of("timeout", new ActionSpec.NoResponse(false)))
 *     .build();
 * }</pre>
 *
 * <p>In a static field the device runs for the whole class (or per method with {@link Lifecycle#PER_METHOD}), in
 * an instance field per method. {@link #handle()} gives the running device; a test method's unannotated {@link
 * SimulatorHandle} parameter gets it too, when this is the class's only simulated device.
 */
public final class SimulatorExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private final DeviceSpec spec;
  private volatile @Nullable SimulatorHandle handle;
  private volatile boolean perClassRunning;

  private SimulatorExtension(DeviceSpec spec) {
    this.spec = spec;
  }

  /** {@return a builder: no profile (unit 1, every table 0..65535), no faults, Modbus TCP, system clock} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return the running device}
   *
   * @throws IllegalStateException outside the tests it runs for
   */
  public SimulatorHandle handle() {
    SimulatorHandle h = handle;
    if (h == null || !h.isRunning()) {
      throw new IllegalStateException("the simulated device does not run now");
    }
    return h;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (spec.lifecycle() != Lifecycle.PER_METHOD) {
      handle = start(context);
      perClassRunning = true;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop(context);
    perClassRunning = false;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClassRunning) {
      handle = start(context);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClassRunning) {
      stop(context);
    }
  }

  private SimulatorHandle start(ExtensionContext context) {
    ClassLoader loader = context.getTestClass().map(Class::getClassLoader)
        .orElseGet(() -> Thread.currentThread().getContextClassLoader());
    String where = "a SimulatorExtension of " + context.getTestClass().map(Class::getName).orElse("?");
    SimulatorHandle h = DeviceLauncher.start(spec, where, loader);
    Devices.in(context, ExtensionContext.Namespace.create(SimulatorExtension.class, this)).add(h);
    return h;
  }

  private void stop(ExtensionContext context) {
    Devices.in(context, ExtensionContext.Namespace.create(SimulatorExtension.class, this)).close();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    if (parameterContext.getParameter().getType() != SimulatorHandle.class
        || parameterContext.isAnnotated(SimulatedDevice.class)) {
      return false;
    }
    // Only when unambiguous: the class's one simulated device.
    Class<?> testClass = extensionContext.getRequiredTestClass();
    if (AnnotationSupport.isAnnotated(testClass, SimulatedDevice.class)
        || !AnnotationSupport.findAnnotatedFields(testClass, SimulatedDevice.class).isEmpty()) {
      return false;
    }
    List<Field> extensions = AnnotationSupport.findAnnotatedFields(testClass,
        org.junit.jupiter.api.extension.RegisterExtension.class,
        f -> SimulatorExtension.class.isAssignableFrom(f.getType()), HierarchyTraversalMode.TOP_DOWN);
    return extensions.size() == 1 && handle != null;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return handle();
  }

  /** Says what device to start; {@link #build()} makes the extension. */
  public static final class Builder {
    private @Nullable String profileLocation;
    private @Nullable DeviceProfile profile;
    private @Nullable String faultsLocation;
    private final List<FaultSpec> faults = new ArrayList<>();
    private @Nullable Long seed;
    private Set<Transport> transports = EnumSet.of(Transport.TCP);
    private TreeSet<Integer> units = new TreeSet<>(List.of(1));
    private int size = 0x10000;
    private DeviceClock clock = DeviceClock.SYSTEM;
    private Lifecycle lifecycle = Lifecycle.DEFAULT;

    private Builder() {}

    /**
     * The device profile, a path or a class path resource (as {@link SimulatedDevice#profile()}).
     *
     * @param location the file or resource
     * @return this builder
     */
    public Builder profile(String location) {
      this.profileLocation = Objects.requireNonNull(location, "location");
      this.profile = null;
      return this;
    }

    /**
     * A device profile built in code.
     *
     * @param deviceProfile the profile
     * @return this builder
     */
    public Builder profile(DeviceProfile deviceProfile) {
      this.profile = Objects.requireNonNull(deviceProfile, "deviceProfile");
      this.profileLocation = null;
      return this;
    }

    /**
     * The fault file, a path or a class path resource.
     *
     * @param location the file or resource
     * @return this builder
     */
    public Builder faults(String location) {
      this.faultsLocation = Objects.requireNonNull(location, "location");
      return this;
    }

    /**
     * Adds a fault built in code, after the fault file's.
     *
     * @param fault the fault
     * @return this builder
     */
    public Builder fault(FaultSpec fault) {
      faults.add(Objects.requireNonNull(fault, "fault"));
      return this;
    }

    /**
     * The seed of the moving values and the faults, instead of the files' (whose default is 0).
     *
     * @param value the seed
     * @return this builder
     */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * The transports served, each on a free loopback port.
     *
     * @param first a transport ({@link Transport#TCP}, {@link Transport#RTU_OVER_TCP}, {@link Transport#UDP})
     * @param more more
     * @return this builder
     */
    public Builder transports(Transport first, Transport... more) {
      this.transports = EnumSet.of(first, more);
      return this;
    }

    /**
     * Without a profile, the units served.
     *
     * @param first a unit id, 1..247
     * @param more more
     * @return this builder
     */
    public Builder units(int first, int... more) {
      TreeSet<Integer> ids = new TreeSet<>(List.of(first));
      for (int u : more) {
        ids.add(u);
      }
      this.units = ids;
      return this;
    }

    /**
     * Without a profile, the size of every table.
     *
     * @param addresses 1..65536
     * @return this builder
     */
    public Builder size(int addresses) {
      this.size = addresses;
      return this;
    }

    /**
     * What moves the values.
     *
     * @param deviceClock the clock
     * @return this builder
     */
    public Builder clock(DeviceClock deviceClock) {
      this.clock = Objects.requireNonNull(deviceClock, "deviceClock");
      return this;
    }

    /**
     * How long the device lives ({@link Lifecycle#PER_METHOD}: a new one per test method).
     *
     * @param value the lifecycle
     * @return this builder
     */
    public Builder lifecycle(Lifecycle value) {
      this.lifecycle = Objects.requireNonNull(value, "value");
      return this;
    }

    /** {@return the extension, to be held in a {@code @RegisterExtension} field} */
    public SimulatorExtension build() {
      return new SimulatorExtension(new DeviceSpec(profileLocation, profile, faultsLocation, faults, seed,
          EnumSet.copyOf(transports), new TreeSet<>(units), size, clock, lifecycle));
    }
  }
}
