package dev.modbustoolkit.server.tcp.internal;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's MXBean in the platform MBean server. Failing to register (e.g. two servers given the same name) is
 * logged and otherwise ignored: monitoring must never stop a server from serving.
 */
final class JmxRegistration {
  private static final Logger LOG = LoggerFactory.getLogger(JmxRegistration.class);

  /** The domain and type of every server's object name. */
  static final String OBJECT_NAME_PREFIX = "dev.modbustoolkit:type=ModbusTcpServer,name=";

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

  static @Nullable JmxRegistration register(ServerRuntime server) {
    try {
      MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
      ObjectName name = objectName(server.name());
      mbs.registerMBean(new ServerMXBeanImpl(server), name);
      LOG.debug("Registered {}", name);
      return new JmxRegistration(mbs, name);
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
