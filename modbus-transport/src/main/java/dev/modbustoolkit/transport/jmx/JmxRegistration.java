package dev.modbustoolkit.transport.jmx;

import java.lang.management.ManagementFactory;
import java.util.Objects;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's MXBean in the platform MBean server, under {@code dev.modbustoolkit:type=<type>,name="<name>"}, or
 * {@code ...,instance=N} when that name is taken. Failing to register (e.g. no MBean server) is logged and otherwise
 * ignored: monitoring must never stop a server from serving. For the servers of this project; not meant for
 * applications.
 */
public final class JmxRegistration {
  private static final Logger LOG = LoggerFactory.getLogger(JmxRegistration.class);

  /** The domain of every server's object name. */
  private static final String DOMAIN = "dev.modbustoolkit";
  /** How many servers of one name get an MBean (a bound on the search for a free instance number). */
  private static final int MAX_INSTANCES = 10_000;

  private final MBeanServer mbeanServer;
  private final ObjectName objectName;

  private JmxRegistration(MBeanServer mbeanServer, ObjectName objectName) {
    this.mbeanServer = mbeanServer;
    this.objectName = objectName;
  }

  /**
   * Registers {@code mxbean} under {@code name=<name>}; when a running server already has that name (two embedded
   * simulators on port 0 are both "modbus-simulator-0", two serial servers on one device name in two
   * containers), under the first free {@code name=<name>,instance=N}, N = 2, 3, ..., so that every running server
   * has its MBean.
   *
   * @param type the {@code type} key, e.g. {@code ModbusTcpServer}
   * @param name the {@code name} key, quoted in the object name
   * @param mxbean the MXBean (an object implementing an interface named {@code ...MXBean})
   * @param what the server as the warning names it, e.g. {@code Modbus TCP server}
   * @return the registration, to unregister on close; null (after a warning) if registering failed
   */
  public static @Nullable JmxRegistration register(String type, String name, Object mxbean, String what) {
    Objects.requireNonNull(mxbean, "mxbean");
    String prefix = DOMAIN + ":type=" + type + ",name=" + ObjectName.quote(name);
    try {
      MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
      ObjectName objectName = new ObjectName(prefix);
      for (int instance = 2; ; instance++) {
        try {
          mbs.registerMBean(mxbean, objectName);
          LOG.debug("Registered {}", objectName);
          return new JmxRegistration(mbs, objectName);
        } catch (InstanceAlreadyExistsException taken) {
          if (instance > MAX_INSTANCES) {
            throw taken;
          }
          objectName = new ObjectName(prefix + ",instance=" + instance);
        }
      }
    } catch (JMException | RuntimeException e) {
      LOG.warn("Could not register the JMX MBean of {} {}: {}", what, name, e.toString());
      return null;
    }
  }

  /** Removes the MBean; a failure is logged at DEBUG (the server is closing anyway). */
  public void unregister() {
    try {
      mbeanServer.unregisterMBean(objectName);
    } catch (JMException | RuntimeException e) {
      LOG.debug("Could not unregister {}: {}", objectName, e.toString());
    }
  }
}
