package dev.modbustoolkit.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs a fixture test class through the JUnit Platform, as a build would, and says what happened. */
final class Fixtures {
  /** Handles the fixtures saw, in order; cleared by {@link #run}. */
  static final List<SimulatorHandle> SEEN = new CopyOnWriteArrayList<>();

  private Fixtures() {}

  /**
   * What a run did.
   *
   * @param succeeded the tests (and containers) that succeeded, by display name
   * @param failures the failures' exceptions, of tests and containers
   */
  record Outcome(List<String> succeeded, List<Throwable> failures) {}

  static Outcome run(Class<?> fixture) {
    SEEN.clear();
    List<String> ok = new CopyOnWriteArrayList<>();
    List<Throwable> failed = new CopyOnWriteArrayList<>();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build(),
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
              if (id.isTest()) {
                ok.add(id.getDisplayName());
              }
            } else {
              failed.add(result.getThrowable().orElseGet(() -> new AssertionError(id + ": " + result)));
            }
          }
        });
    return new Outcome(new ArrayList<>(ok), new ArrayList<>(failed));
  }

  /** {@return whether something accepts connections on the loopback port} */
  static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
