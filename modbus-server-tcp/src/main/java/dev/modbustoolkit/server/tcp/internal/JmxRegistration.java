package dev.modbustoolkit.server.tcp.internal;

import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's MXBean in the platform MBean server. Failing to register (e.g. no MBean server) is
 * logged and otherwise ignored: monitoring must never stop a server from serving.
 */
final class JmxRegistration {
  private static final Logger LOG = LoggerFactory.getLogger(JmxRegistration.class);

  /** The domain and type of every server's object name. */
  static final String OBJECT_NAME_PREFIX = "dev.modbustoolkit:type=ModbusTcpServer,name=";
  /** How many servers of one name get an MBean (a bound on the search for a free instance number). */
  private static final int MAX_INSTANCES = 10_000;

  private final MBeanServer mbeanServer;
  private final ObjectName objectName;

  private JmxRegistration(MBeanServer mbeanServer, ObjectName objectName) {
    this.mbeanServer = mbeanServer;
    this.objectName = objectName;
  }

  /** The object name a server of that name is registered under. */
  static ObjectName objectName(String serverName) throws JMException {
    return new ObjectName(OBJECT_NAME_PREFIX + ObjectName.quote(serverName));
  }

  /**
   * Registers under {@code name=<server name>}; when a running server already has that name (two embedded
   * simulators on port 0 are both "modbus-simulator-0"), under the first free {@code name=<server name>,instance=N},
   * N = 2, 3, ..., so that every running server has its MBean.
   */
  static @Nullable JmxRegistration register(ServerRuntime server) {
    try {
      MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
      ObjectName name = objectName(server.name());
      for (int instance = 2; ; instance++) {
        try {
          mbs.registerMBean(new ServerMXBeanImpl(server), name);
          LOG.debug("Registered {}", name);
          return new JmxRegistration(mbs, name);
        } catch (InstanceAlreadyExistsException taken) {
          if (instance > MAX_INSTANCES) {
            throw taken;
          }
          name = new ObjectName(OBJECT_NAME_PREFIX + ObjectName.quote(server.name()) + ",instance=" + instance);
        }
      }
    } catch (JMException | RuntimeException e) {
      LOG.warn("Could not register the JMX MBean of Modbus TCP server {}: {}", server.name(), e.toString());
      return null;
    }
  }

  void unregister() {
    try {
      mbeanServer.unregisterMBean(objectName);
    } catch (JMException | RuntimeException e) {
      LOG.debug("Could not unregister {}: {}", objectName, e.toString());
    }
  }
}
