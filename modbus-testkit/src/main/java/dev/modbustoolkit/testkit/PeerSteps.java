package dev.modbustoolkit.testkit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Counts the steps of an interoperability suite that ran against a real peer (a third-party client in a child
 * process), and says so when the suite ends, so that a green build cannot hide a peer that never ran: register it as
 * a static {@code @RegisterExtension} field, call {@link #ran} after each peer step whose answer was checked, and
 * after the suite one line goes to standard output (and to the JUnit report entries), e.g.
 * {@code [peer steps] SerialClientsIT: 42 steps ran against mbpoll, pymodbus (mbpoll 18, pymodbus 24); 0 tests
 * skipped}. Skipped tests are listed with their reason. Under {@code CI=true} a suite in which no step ran fails.
 */
public final class PeerSteps implements AfterAllCallback, TestWatcher {
  private final Map<String, AtomicInteger> byPeer = new ConcurrentHashMap<>();
  private final List<String> skipped = new CopyOnWriteArrayList<>();

  /** A counter with no steps yet. */
  public PeerSteps() {}

  /** Records one step that ran against {@code peer} (a tool's name: "pymodbus", "mbpoll", "libmodbus"). */
  public void ran(String peer) {
    ran(peer, 1);
  }

  /** Records {@code steps} steps that ran against {@code peer}. */
  public void ran(String peer, int steps) {
    byPeer.computeIfAbsent(peer, p -> new AtomicInteger()).addAndGet(steps);
  }

  /** {@return the number of steps recorded so far, over every peer} */
  public int total() {
    return byPeer.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** {@return the line printed at the end of the suite} */
  public String summary(String suite) {
    StringBuilder line = new StringBuilder("[peer steps] ").append(suite).append(": ").append(total())
        .append(" steps ran against real peers");
    if (!byPeer.isEmpty()) {
      line.append(" (");
      byPeer.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> line.append(e.getKey()).append(' ').append(e.getValue().get()).append(", "));
      line.setLength(line.length() - 2);
      line.append(')');
    }
    line.append("; ").append(skipped.size()).append(" tests skipped");
    for (String s : skipped) {
      line.append("\n  skipped: ").append(s);
    }
    return line.toString();
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    skipped.add(context.getDisplayName() + ": " + cause.getMessage());
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    skipped.add(context.getDisplayName() + ": disabled " + reason.orElse(""));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    String summary = summary(context.getRequiredTestClass().getSimpleName());
    System.out.println(summary);
    context.publishReportEntry("peer steps", summary);
    if ("true".equals(System.getenv("CI")) && total() == 0) {
      throw new AssertionError("CI=true and no step of " + context.getDisplayName()
          + " ran against a real peer:\n" + summary);
    }
  }
}
