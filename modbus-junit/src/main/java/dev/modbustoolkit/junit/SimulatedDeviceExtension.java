package dev.modbustoolkit.junit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

/**
 * The extension behind {@link SimulatedDevice}, registered by the annotation itself (no need to name it in
 * {@code @ExtendWith}). It starts the devices the annotation declares on the test class and its fields before the
 * class or each method, resolves {@link SimulatorHandle} parameters, and stops each device when its class or method
 * is done.
 */
public final class SimulatedDeviceExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SimulatedDeviceExtension.class);
  /** The device an unannotated parameter gets: the class annotation's, or the one annotated field's. */
  private static final String DEFAULT_DEVICE = "default-device";

  /** Creates the extension; JUnit does, for {@link SimulatedDevice}. */
  public SimulatedDeviceExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    Optional<SimulatedDevice> onClass = classAnnotation(testClass);
    if (onClass.isPresent() && lifecycleOfClass(onClass.get(), testClass) == Lifecycle.PER_CLASS) {
      SimulatorHandle h = start(context, DeviceSpec.of(onClass.get()), "class " + testClass.getName());
      context.getStore(NAMESPACE).put(DEFAULT_DEVICE, h);
    }
    for (Field field : fields(testClass)) {
      SimulatedDevice a = field.getAnnotation(SimulatedDevice.class);
      boolean isStatic = Modifier.isStatic(field.getModifiers());
      Lifecycle lifecycle = lifecycleOfField(a, field, isStatic);
      if (lifecycle == Lifecycle.PER_CLASS) {
        SimulatorHandle h = start(context, DeviceSpec.of(a), describe(field));
        context.getStore(NAMESPACE).put(field, h);
        if (isStatic) {
          set(field, null, h);
        }
        if (onClass.isEmpty() && fields(testClass).size() == 1) {
          context.getStore(NAMESPACE).put(DEFAULT_DEVICE, h);
        }
      }
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    Optional<SimulatedDevice> onClass = classAnnotation(testClass);
    if (onClass.isPresent() && lifecycleOfClass(onClass.get(), testClass) == Lifecycle.PER_METHOD) {
      SimulatorHandle h = start(context, DeviceSpec.of(onClass.get()), "class " + testClass.getName());
      context.getStore(NAMESPACE).put(DEFAULT_DEVICE, h);
    }
    List<Field> fields = fields(testClass);
    for (Field field : fields) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      SimulatedDevice a = field.getAnnotation(SimulatedDevice.class);
      Object instance = context.getRequiredTestInstances().findInstance(field.getDeclaringClass())
          .orElseThrow(() -> new ExtensionConfigurationException("no test instance for " + describe(field)));
      SimulatorHandle h;
      if (lifecycleOfField(a, field, false) == Lifecycle.PER_CLASS) {
        h = context.getStore(NAMESPACE).get(field, SimulatorHandle.class);
      } else {
        h = start(context, DeviceSpec.of(a), describe(field));
        if (onClass.isEmpty() && fields.size() == 1) {
          context.getStore(NAMESPACE).put(DEFAULT_DEVICE, h);
        }
      }
      set(field, instance, h);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Devices.in(context, NAMESPACE).close();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Devices.in(context, NAMESPACE).close();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    if (parameterContext.getParameter().getType() != SimulatorHandle.class) {
      return false;
    }
    if (parameterContext.isAnnotated(SimulatedDevice.class)) {
      return true;
    }
    Class<?> testClass = extensionContext.getRequiredTestClass();
    return declared(testClass) > 0
        || extensionContext.getStore(NAMESPACE).get(DEFAULT_DEVICE, SimulatorHandle.class) != null;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Parameter parameter = parameterContext.getParameter();
    Optional<SimulatedDevice> own = parameterContext.findAnnotation(SimulatedDevice.class);
    String where = "parameter " + parameter.getName() + " of " + parameter.getDeclaringExecutable();
    if (own.isPresent()) {
      if (own.get().lifecycle() == Lifecycle.PER_CLASS) {
        throw new ParameterResolutionException("@SimulatedDevice on " + where
            + ": a parameter's device lives as long as its method; declare a per-class device on the class or a "
            + "static field");
      }
      return start(extensionContext, DeviceSpec.of(own.get()), where);
    }
    Class<?> testClass = extensionContext.getRequiredTestClass();
    if (declared(testClass) > 1) {
      throw new ParameterResolutionException(where + ": " + testClass.getName() + " declares "
          + declared(testClass) + " simulated devices: use the annotated fields, or annotate the parameter");
    }
    SimulatorHandle h = extensionContext.getStore(NAMESPACE).get(DEFAULT_DEVICE, SimulatorHandle.class);
    if (h == null) {
      throw new ParameterResolutionException(where + ": the simulated device of " + testClass.getName()
          + " does not run here (a per-method device is not there yet in @BeforeAll)");
    }
    return h;
  }

  private static SimulatorHandle start(ExtensionContext context, DeviceSpec spec, String where) {
    ClassLoader loader = context.getTestClass().map(Class::getClassLoader)
        .orElseGet(() -> Thread.currentThread().getContextClassLoader());
    SimulatorHandle h = DeviceLauncher.start(spec, where, loader);
    Devices.in(context, NAMESPACE).add(h);
    return h;
  }

  private static Optional<SimulatedDevice> classAnnotation(Class<?> testClass) {
    return AnnotationSupport.findAnnotation(testClass, SimulatedDevice.class);
  }

  private static Lifecycle lifecycleOfClass(SimulatedDevice a, Class<?> testClass) {
    return a.lifecycle() == Lifecycle.DEFAULT ? Lifecycle.PER_CLASS : a.lifecycle();
  }

  private static Lifecycle lifecycleOfField(SimulatedDevice a, Field field, boolean isStatic) {
    if (isStatic && a.lifecycle() == Lifecycle.PER_METHOD) {
      throw new ExtensionConfigurationException("@SimulatedDevice on " + describe(field)
          + ": a static field holds one device per class; make it an instance field for one per method");
    }
    if (a.lifecycle() != Lifecycle.DEFAULT) {
      return a.lifecycle();
    }
    return isStatic ? Lifecycle.PER_CLASS : Lifecycle.PER_METHOD;
  }

  private static List<Field> fields(Class<?> testClass) {
    List<Field> fields = AnnotationSupport.findAnnotatedFields(testClass, SimulatedDevice.class,
        f -> true, HierarchyTraversalMode.TOP_DOWN);
    for (Field f : fields) {
      if (f.getType() != SimulatorHandle.class) {
        throw new ExtensionConfigurationException("@SimulatedDevice on " + describe(f) + ": the field must be a "
            + SimulatorHandle.class.getSimpleName() + ", not " + f.getType().getName());
      }
    }
    return fields;
  }

  private static int declared(Class<?> testClass) {
    return (classAnnotation(testClass).isPresent() ? 1 : 0) + fields(testClass).size();
  }

  private static void set(Field field, @org.jspecify.annotations.Nullable Object instance, SimulatorHandle h) {
    try {
      field.setAccessible(true);
      field.set(instance, h);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExtensionConfigurationException("@SimulatedDevice on " + describe(field) + ": cannot set it: " + e,
          e);
    }
  }

  private static String describe(Field field) {
    return "field " + field.getDeclaringClass().getSimpleName() + "." + field.getName();
  }
}
