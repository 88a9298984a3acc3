package dev.modbustoolkit.transport.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The accept loop on loopback, without a Modbus server: the connection limit under each policy, the permit's way
 * back, accept errors outlived, the loop's end. Every wait is bounded.
 */
class StreamListenerTest {
  private static final long WAIT_SECONDS = 10;

  /** The server side as the listener sees it: records what it is handed. */
  private final class Recorder implements StreamListener.Acceptor {
    /** Every channel taken over, in order: what the test looks at. */
    final BlockingQueue<SocketChannel> served = new LinkedBlockingQueue<>();
    /** The channels taken over and still open, oldest first: what an eviction closes. */
    final BlockingQueue<SocketChannel> open = new LinkedBlockingQueue<>();
    final BlockingQueue<SocketChannel> rejected = new LinkedBlockingQueue<>();
    final BlockingQueue<IOException> failures = new LinkedBlockingQueue<>();
    volatile boolean take = true;
    volatile boolean canEvict = true;
    /** Whether an evicted connection ends (and gives its permit back) at once, or not within the listener's wait. */
    volatile boolean evictedEndsAtOnce = true;
    final AtomicInteger evictions = new AtomicInteger();

    @Override
    public boolean serve(SocketChannel channel) {
      if (!take) {
        return false;
      }
      open.add(channel);
      served.add(channel);
      return true;
    }

    @Override
    public void rejected(SocketChannel channel) {
      rejected.add(channel);
    }

    @Override
    public boolean evictOldestIdle() {
      if (!canEvict) {
        return false;
      }
      evictions.incrementAndGet();
      // The connection idle longest ends: its channel closes and its permit comes back, as a server's would.
      SocketChannel oldest = open.poll();
      if (oldest == null) {
        return false;
      }
      if (evictedEndsAtOnce) {
        close(oldest);
        listener.release();
      }
      return true;
    }

    @Override
    public void acceptFailed(IOException error) {
      failures.add(error);
    }
  }

  private final Recorder acceptor = new Recorder();
  private final List<SocketChannel> clients = new ArrayList<>();
  private ServerSocketChannel serverSocket;
  private StreamListener listener;
  private Thread thread;

  private void start(int maxConnections, ConnectionLimitPolicy policy) throws IOException {
    start(ServerSocketChannel.open(), maxConnections, policy);
  }

  private void start(ServerSocketChannel socket, int maxConnections, ConnectionLimitPolicy policy)
      throws IOException {
    serverSocket = socket;
    serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    listener = new StreamListener("test", serverSocket, maxConnections, policy, acceptor);
    thread = Thread.ofPlatform().name("stream-listener-test").start(listener);
  }

  @AfterEach
  void stop() throws Exception {
    if (serverSocket != null) {
      serverSocket.close();
      thread.interrupt();
      thread.join(Duration.ofSeconds(WAIT_SECONDS));
    }
    clients.forEach(StreamListenerTest::close);
    acceptor.open.forEach(StreamListenerTest::close);
  }

  private SocketChannel connect() throws IOException {
    SocketChannel client = SocketChannel.open(serverSocket.getLocalAddress());
    clients.add(client);
    return client;
  }

  /** Whether the peer closed {@code client}'s connection: a read sees end of stream (or a reset). */
  private static boolean closedByPeer(SocketChannel client) throws IOException {
    client.socket().setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    try {
      return client.socket().getInputStream().read() == -1;
    } catch (IOException reset) {
      return true;
    }
  }

  @Test
  void servesEveryClientUnderTheLimit() throws Exception {
    start(3, ConnectionLimitPolicy.CLOSE_NEW);
    for (int i = 0; i < 3; i++) {
      connect();
    }
    for (int i = 0; i < 3; i++) {
      assertThat(acceptor.served.poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("client %d", i).isNotNull();
    }
    assertThat(acceptor.rejected).isEmpty();
  }

  @Test
  void closeNewRejectsAndClosesTheClientOverTheLimitUntilAPermitComesBack() throws Exception {
    start(1, ConnectionLimitPolicy.CLOSE_NEW);
    connect();
    assertThat(acceptor.served.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
    SocketChannel over = connect();
    assertThat(acceptor.rejected.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
    assertThat(closedByPeer(over)).isTrue();
    // A rejected client gave back no permit it did not hold: the limit still holds for the next one.
    SocketChannel overAgain = connect();
    assertThat(acceptor.rejected.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
    assertThat(closedByPeer(overAgain)).isTrue();
    assertThat(acceptor.served).as("nothing served since the first").isEmpty();
    assertThat(acceptor.open).hasSize(1);
    listener.release();
    connect();
    assertThat(acceptor.served.poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("served once the permit is back").isNotNull();
  }

  @Test
  void refuseLeavesTheClientInTheBacklogUntilAPermitComesBack() throws Exception {
    start(1, ConnectionLimitPolicy.REFUSE);
    connect();
    assertThat(acceptor.served.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
    SocketChannel waiting = connect();
    // The kernel completed the handshake (connect returned); the listener does not call accept() meanwhile.
    assertThat(acceptor.served.poll(300, TimeUnit.MILLISECONDS)).isNull();
    assertThat(acceptor.rejected).isEmpty();
    listener.release();
    SocketChannel served = acceptor.served.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(served).isNotNull();
    assertThat(served.getRemoteAddress()).isEqualTo(waiting.getLocalAddress());
  }

  @Test
  void evictOldestIdleServesTheNewClientInTheEvictedOnesPlace() throws Exception {
    start(1, ConnectionLimitPolicy.EVICT_OLDEST_IDLE);
    SocketChannel first = connect();
    assertThat(acceptor.served.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
    SocketChannel second = connect();
    SocketChannel served = acceptor.served.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(served).isNotNull();
    assertThat(served.getRemoteAddress()).isEqualTo(second.getLocalAddress());
    assertThat(acceptor.evictions).hasValue(1);
    assertThat(closedByPeer(first)).as("the evicted client").isTrue();
    assertThat(acceptor.rejected).isEmpty();
  }

  @Test
  void anEvictionWhoseConnectionDoesNotEndInTimeRejectsTheNewClient() throws Exception {
    acceptor.evictedEndsAtOnce = false;
    start(1, ConnectionLimitPolicy.EVICT_OLDEST_IDLE);
    connect();
    assertThat(acceptor.served.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
    SocketChannel over = connect();
    // The listener waits (2 s) for the evicted connection's permit, which never comes: over the limit, rejected.
    assertThat(acceptor.rejected.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
    assertThat(closedByPeer(over)).isTrue();
    assertThat(acceptor.evictions).hasValue(1);
    assertThat(acceptor.served).isEmpty();
  }

  @Test
  void evictOldestIdleRejectsTheNewClientWhenNoConnectionIsIdle() throws Exception {
    acceptor.canEvict = false;
    start(1, ConnectionLimitPolicy.EVICT_OLDEST_IDLE);
    connect();
    assertThat(acceptor.served.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
    SocketChannel over = connect();
    assertThat(acceptor.rejected.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
    assertThat(closedByPeer(over)).isTrue();
    listener.release();
    connect();
    assertThat(acceptor.served.poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("the rejected client held no permit")
        .isNotNull();
  }

  @Test
  void aChannelTheServerDoesNotTakeIsClosedAndItsPermitComesBack() throws Exception {
    acceptor.take = false;
    start(2, ConnectionLimitPolicy.CLOSE_NEW);
    SocketChannel client = connect();
    assertThat(closedByPeer(client)).isTrue();
    acceptor.take = true;
    // Both permits are back: two clients at once are served (a leaked permit would leave the second waiting).
    connect();
    connect();
    assertThat(acceptor.served.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
    assertThat(acceptor.served.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void acceptErrorsAreReportedAndTheLoopAcceptsAgain() throws Exception {
    long started = System.nanoTime();
    start(new FailingAccepts(ServerSocketChannel.open(), 3), 4, ConnectionLimitPolicy.REFUSE);
    connect();
    assertThat(acceptor.served.poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("served after three failures").isNotNull();
    // A lower bound only: the listener backed off (50 ms) after each failure instead of spinning.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(acceptor.failures).hasSize(3).allSatisfy(e -> assertThat(e).hasMessage("Too many open files"));
    // No permit was lost to a failure: three more clients fill the limit of four.
    for (int i = 0; i < 3; i++) {
      connect();
      assertThat(acceptor.served.poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("client %d", i + 2).isNotNull();
    }
  }

  @Test
  void closingTheServerSocketEndsTheLoop() throws Exception {
    start(1, ConnectionLimitPolicy.REFUSE);
    connect();
    assertThat(acceptor.served.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
    // Blocked in the wait for a permit (REFUSE, limit reached): closing alone does not reach it, the interrupt does.
    serverSocket.close();
    thread.interrupt();
    thread.join(Duration.ofSeconds(WAIT_SECONDS));
    assertThat(thread.isAlive()).isFalse();
    assertThat(acceptor.failures).as("a closed socket is the end, not an error").isEmpty();
  }

  @Test
  void closingTheServerSocketWhileInAcceptEndsTheLoopWithoutAnError() throws Exception {
    start(2, ConnectionLimitPolicy.REFUSE);
    connect();
    assertThat(acceptor.served.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
    // With a permit left the loop is back in accept() (let it get there), where the close finds it.
    Thread.sleep(100);
    serverSocket.close();
    thread.join(Duration.ofSeconds(WAIT_SECONDS));
    assertThat(thread.isAlive()).isFalse();
    assertThat(acceptor.failures).isEmpty();
  }

  @Test
  void anInterruptEndsTheLoopAndStaysSetOnItsThread() throws Exception {
    try (ServerSocketChannel socket = ServerSocketChannel.open()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      StreamListener own = new StreamListener("test", socket, 1, ConnectionLimitPolicy.REFUSE, acceptor);
      try (SocketChannel client = SocketChannel.open(socket.getLocalAddress())) {
        BlockingQueue<Boolean> interruptedAfterRun = new LinkedBlockingQueue<>();
        Thread t = Thread.ofPlatform().daemon(true).start(() -> {
          own.run();
          interruptedAfterRun.add(Thread.currentThread().isInterrupted());
        });
        assertThat(acceptor.served.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
        // Limit reached under REFUSE: the loop waits for a permit, where an interrupt reaches it.
        t.interrupt();
        assertThat(interruptedAfterRun.poll(WAIT_SECONDS, TimeUnit.SECONDS)).as("run returned, interrupt kept")
            .isTrue();
      }
    }
  }

  @Test
  void aLimitBelowOneIsRefusedNamingTheValue() throws Exception {
    try (ServerSocketChannel socket = ServerSocketChannel.open()) {
      assertThatThrownBy(() -> new StreamListener("test", socket, 0, ConnectionLimitPolicy.REFUSE, acceptor))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxConnections must be at least 1: 0");
    }
  }

  private static void close(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // closing for cleanup: nothing more to do
    }
  }

  /** A server socket whose first {@code failures} accepts fail as accept does when out of file descriptors. */
  private static final class FailingAccepts extends ServerSocketChannel {
    private final ServerSocketChannel real;
    private final AtomicInteger failures;

    FailingAccepts(ServerSocketChannel real, int failures) {
      super(real.provider());
      this.real = real;
      this.failures = new AtomicInteger(failures);
    }

    @Override
    public SocketChannel accept() throws IOException {
      if (failures.getAndDecrement() > 0) {
        throw new IOException("Too many open files");
      }
      return real.accept();
    }

    @Override
    public ServerSocketChannel bind(SocketAddress local, int backlog) throws IOException {
      real.bind(local, backlog);
      return this;
    }

    @Override
    public <T> ServerSocketChannel setOption(SocketOption<T> name, T value) throws IOException {
      real.setOption(name, value);
      return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
      return real.getOption(name);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
      return real.supportedOptions();
    }

    @Override
    public ServerSocket socket() {
      return real.socket();
    }

    @Override
    public SocketAddress getLocalAddress() throws IOException {
      return real.getLocalAddress();
    }

    @Override
    protected void implCloseSelectableChannel() throws IOException {
      real.close();
    }

    @Override
    protected void implConfigureBlocking(boolean block) throws IOException {
      real.configureBlocking(block);
    }
  }
}
