package dev.modbustoolkit.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A long-running child process (a server under test, a simulator jar) whose output lines a thread of its own
 * reads, so that every wait on it is bounded: {@link #awaitLine} and {@link #awaitExit} fail after their timeout
 * with the output so far, and {@link #close} destroys the child and its descendants.
 */
public final class ChildProcess implements AutoCloseable {
  private static final String END = new String("end of output");

  private final Process process;
  private final LinkedBlockingQueue<String> pending = new LinkedBlockingQueue<>();
  private final List<String> lines = new ArrayList<>();
  private boolean ended;

  private ChildProcess(Process process) {
    this.process = process;
    Thread.ofPlatform().daemon().name("child-" + process.pid()).start(this::read);
  }

  /** Starts {@code builder} with stderr merged into stdout. */
  public static ChildProcess start(ProcessBuilder builder) throws IOException {
    return new ChildProcess(builder.redirectErrorStream(true).start());
  }

  /**
   * Starts {@code builder} as {@link #start} does, with SIGINT and SIGHUP at their default dispositions, for a test
   * that stops the child as Ctrl-C does ({@link #interrupt()}) or signals it ({@link #signal(String)}). A job a
   * non-interactive shell starts in the background (a build under {@code nohup} or {@code cmd &}, some CI runners)
   * inherits SIGINT (and, under {@code nohup}, SIGHUP) ignored, and a JVM that starts with a signal ignored keeps
   * ignoring it, so the child would never see the signal. coreutils' {@code env --default-signal=INT,HUP} resets
   * them and execs the command, so the child's pid stays the one {@link #process()} has.
   */
  public static ChildProcess startInterruptible(ProcessBuilder builder) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Tools.require("env", "coreutils").toString());
    command.add("--default-signal=INT,HUP");
    command.addAll(builder.command());
    return start(builder.command(command));
  }

  /**
   * Sends SIGINT, what Ctrl-C sends (Process.destroy() would send SIGTERM and close our end of its output).
   *
   * @throws AssertionError when {@code kill} fails
   */
  public void interrupt() throws IOException, InterruptedException {
    signal("INT");
  }

  /**
   * Sends the signal {@code name} ("HUP", "TERM", ...) with {@code kill}.
   *
   * @throws AssertionError when {@code kill} fails
   */
  public void signal(String name) throws IOException, InterruptedException {
    Tools.Result kill = Tools.run(Duration.ofSeconds(10), Tools.require("kill", "procps").toString(), "-" + name,
        String.valueOf(process.pid()));
    if (kill.exitCode() != 0) {
      throw new AssertionError("kill -" + name + " " + process.pid() + " failed: " + kill.output());
    }
  }

  private void read() {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        pending.add(line);
      }
    } catch (IOException e) {
      pending.add("(reading the output failed: " + e + ")");
    } finally {
      pending.add(END);
    }
  }

  /** The child. */
  public Process process() {
    return process;
  }

  /**
   * Waits for the first line (after those already taken) that {@code matches}.
   *
   * @throws AssertionError when the output ends or {@code timeout} passes first; the message holds the output
   */
  public String awaitLine(Duration timeout, Predicate<String> matches) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line = ended ? null : pending.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == END) {
        ended = true;
      }
      if (line == null || line == END) {
        throw new AssertionError((ended ? "the output ended" : "no such line within " + timeout)
            + "; output:\n" + String.join("\n", lines));
      }
      lines.add(line);
      if (matches.test(line)) {
        return line;
      }
    }
  }

  /**
   * Waits for the child to exit and its output to end, then returns its exit code.
   *
   * @throws AssertionError when that takes longer than {@code timeout} (the child is destroyed then)
   */
  public int awaitExit(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ended) {
      String line = pending.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null) {
        Tools.destroy(process);
        throw new AssertionError("the child did not exit within " + timeout + "; output:\n" + String.join("\n", lines));
      }
      if (line == END) {
        ended = true;
      } else {
        lines.add(line);
      }
    }
    if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
      Tools.destroy(process);
      throw new AssertionError("the child closed its output but did not exit within " + timeout);
    }
    return process.exitValue();
  }

  /** The lines taken so far (by {@link #awaitLine} and {@link #awaitExit}). */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** {@link #lines()} joined by newlines. */
  public String output() {
    return String.join("\n", lines);
  }

  /** Destroys the child and its descendants if they are still running. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      Tools.destroy(process);
    }
  }
}
