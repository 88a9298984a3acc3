package dev.modbustoolkit.junit;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.simulator.Simulator;
import dev.modbustoolkit.simulator.model.DeviceModel;
import dev.modbustoolkit.simulator.model.Point;
import dev.modbustoolkit.simulator.profile.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A running simulated device, as a test sees it: where it listens, its points by name, its faults (changeable while
 * it runs), and what it saw ({@link #requests()}). Thread-safe. Given to a test by {@link SimulatedDevice} or
 * {@link SimulatorExtension}, which stop the device after the test or class; a handle of a stopped device still
 * answers {@link #requests()}.
 */
public final class SimulatorHandle {
  private final Simulator simulator;
  private final DeviceTraffic traffic;
  private final DeviceClock clock;
  private final List<FaultSpec> initialFaults;
  private final String description;
  private final ReentrantLock timeLock = new ReentrantLock();
  private long elapsedNanos;
  private volatile boolean stopped;

  SimulatorHandle(Simulator simulator, DeviceTraffic traffic, DeviceClock clock, String description) {
    this.simulator = Objects.requireNonNull(simulator, "simulator");
    this.traffic = Objects.requireNonNull(traffic, "traffic");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.initialFaults = simulator.faults().faults();
    this.description = Objects.requireNonNull(description, "description");
  }

  /** {@return the host the device listens on: the loopback address, as text ({@code 127.0.0.1})} */
  public String host() {
    return simulator.options().bindAddress().getHostAddress();
  }

  /**
   * {@return the Modbus TCP port}
   *
   * @throws IllegalStateException when the device does not serve Modbus TCP
   */
  public int port() {
    return port(Transport.TCP);
  }

  /**
   * {@return the port of one transport: {@link Transport#TCP}, {@link Transport#RTU_OVER_TCP} or {@link
   * Transport#UDP}}
   *
   * @param transport the transport
   * @throws IllegalStateException when the device does not serve it
   */
  public int port(Transport transport) {
    return address(transport).getPort();
  }

  /**
   * {@return the Modbus TCP address}
   *
   * @throws IllegalStateException when the device does not serve Modbus TCP
   */
  public InetSocketAddress address() {
    return address(Transport.TCP);
  }

  /**
   * {@return the address of one transport}
   *
   * @param transport {@link Transport#TCP}, {@link Transport#RTU_OVER_TCP} or {@link Transport#UDP}
   * @throws IllegalStateException when the device does not serve it
   */
  public InetSocketAddress address(Transport transport) {
    var address = switch (transport) {
      case TCP -> simulator.tcpServer().map(s -> s.localAddress());
      case RTU_OVER_TCP -> simulator.rtuOverTcpServer().map(s -> s.localAddress());
      case UDP -> simulator.udpServer().map(s -> s.localAddress());
      case SERIAL -> java.util.Optional.<InetSocketAddress>empty();
    };
    return address.orElseThrow(() -> new IllegalStateException(description + " does not serve " + transport));
  }

  /**
   * {@return the point {@code name} of unit {@code unit}: read it ({@link Point#readNumber()}, {@link Point#read()})
   * and write it ({@link Point#write}, {@link Point#writeClamped}) as its typed, scaled value}
   *
   * @param unit the unit id
   * @param name the point's name in the profile
   * @throws IllegalArgumentException when the unit is not served or has no such point (the message lists the
   *     unit's points)
   */
  public Point point(int unit, String name) {
    DeviceModel device = simulator.device();
    var u = device.unit(unit).orElseThrow(() -> new IllegalArgumentException(
        description + " has no unit " + unit + " (units " + device.units().keySet() + ")"));
    return u.points().point(name).orElseThrow(() -> new IllegalArgumentException(
        description + ", unit " + unit + ": no point '" + name + "' (points " + u.points().names() + ")"));
  }

  /**
   * {@return the value of a numeric point now (engineering units: scale and offset applied; 0 or 1 for a bool)}
   *
   * @param unit the unit id
   * @param name the point's name
   * @throws IllegalArgumentException when there is no such point
   */
  public double read(int unit, String name) {
    return point(unit, name).readNumber();
  }

  /**
   * Writes a numeric point, whole, as Java code (not counted in {@link DeviceTraffic#writes()}).
   *
   * @param unit the unit id
   * @param name the point's name
   * @param value the engineering value
   * @throws IllegalArgumentException when there is no such point, or the value does not fit its type
   */
  public void write(int unit, String name, double value) {
    point(unit, name).write(dev.modbustoolkit.simulator.profile.PointValue.of(value));
  }

  /** {@return the fault pipeline of every transport: add, replace or remove faults while the device runs} */
  public FaultPipeline faults() {
    return simulator.faults();
  }

  /** {@return what the device saw: requests by function code, exceptions, writes, faults fired} */
  public DeviceTraffic requests() {
    return traffic;
  }

  /**
   * Moves the device's time on, and its values with it (each point to the ticks due by then).
   *
   * @param duration how far, not negative
   * @throws IllegalStateException unless the device runs on {@link DeviceClock#MANUAL}
   */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration " + duration + " is negative");
    }
    if (clock != DeviceClock.MANUAL) {
      throw new IllegalStateException(description + " runs on the system clock: use clock = DeviceClock.MANUAL");
    }
    timeLock.lock();
    try {
      elapsedNanos = Math.addExact(elapsedNanos, duration.toNanos());
      simulator.device().engine().advanceTo(elapsedNanos);
    } finally {
      timeLock.unlock();
    }
  }

  /**
   * Back to the start: the profile's values (and tick 0), the faults the device started with (their counters at
   * zero), and {@link #requests()} at zero. For a device shared by the tests of a class.
   */
  public void reset() {
    timeLock.lock();
    try {
      simulator.device().reset();
      elapsedNanos = 0;
      FaultPipeline faults = simulator.faults();
      faults.clear();
      faults.addAll(initialFaults);
      traffic.reset();
    } finally {
      timeLock.unlock();
    }
  }

  /** {@return the device model: units, points, the engine, snapshot and restore} */
  public DeviceModel device() {
    return simulator.device();
  }

  /** {@return the simulator itself: its servers (metrics, connections) and options} */
  public Simulator simulator() {
    return simulator;
  }

  /** {@return whether the device still runs (false once the extension has stopped it)} */
  public boolean isRunning() {
    return !stopped;
  }

  void stop() {
    if (!stopped) {
      stopped = true;
      simulator.shutdown(Duration.ZERO);
    }
  }

  @Override
  public String toString() {
    return "SimulatorHandle[" + description + (stopped ? ", stopped" : "") + "]";
  }
}
