package dev.modbustoolkit.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gateway's read cache without a bus: what is cached, merged, invalidated and expired. */
class ReadCacheTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final long HOUR = Duration.ofHours(1).toNanos();
  private static final byte[] READ = HEX.parseHex("0300000002");
  private static final byte[] ANSWER = HEX.parseHex("030400010002");

  private final ReadCache cache = new ReadCache(HOUR);
  private final AtomicInteger sent = new AtomicInteger();

  private ReadCache.Joined join(String downstream, int unit, byte[] pdu, CompletableFuture<byte[]> answer) {
    return cache.join(downstream, unit, pdu.clone(), () -> {
      sent.incrementAndGet();
      return answer;
    });
  }

  @ParameterizedTest
  @ValueSource(ints = {0x01, 0x02, 0x03, 0x04})
  void readsOfTheFourTablesAreCacheable(int fc) {
    assertThat(ReadCache.cacheable(new byte[] {(byte) fc})).isTrue();
    assertThat(ReadCache.isWrite(new byte[] {(byte) fc})).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {0x00, 0x05, 0x07, 0x08, 0x14, 0x17, 0x2B, 0x83, 0xFF})
  void nothingElseIs(int fc) {
    assertThat(ReadCache.cacheable(new byte[] {(byte) fc})).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {0x05, 0x06, 0x0F, 0x10, 0x15, 0x16, 0x17})
  void theWritesInvalidate(int fc) {
    assertThat(ReadCache.isWrite(new byte[] {(byte) fc})).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {0x07, 0x08, 0x0B, 0x14, 0x2B, 0x86})
  void otherFunctionsDoNot(int fc) {
    assertThat(ReadCache.isWrite(new byte[] {(byte) fc})).isFalse();
  }

  @Test
  void anIdenticalReadInFlightIsJoinedAndItsAnswerCached() {
    CompletableFuture<byte[]> answer = new CompletableFuture<>();
    ReadCache.Joined first = join("bus", 1, READ, answer);
    ReadCache.Joined second = join("bus", 1, READ, new CompletableFuture<>());
    assertThat(first.merged()).isFalse();
    assertThat(second.merged()).isTrue();
    assertThat(second.future()).isSameAs(first.future());
    assertThat(sent).hasValue(1);
    assertThat(cache.get("bus", 1, READ.clone(), System.nanoTime())).isNull();

    answer.complete(ANSWER);
    assertThat(first.future()).isCompletedWithValue(ANSWER);
    assertThat(cache.get("bus", 1, READ.clone(), System.nanoTime())).isEqualTo(ANSWER);
    // Answered: the next identical read is a cache hit for the caller, and a join would send afresh.
    assertThat(join("bus", 1, READ, CompletableFuture.completedFuture(ANSWER)).merged()).isFalse();
    assertThat(sent).hasValue(2);
  }

  @Test
  void readsThatDifferInLinkUnitOrPduAreNotMerged() {
    join("bus", 1, READ, new CompletableFuture<>());
    assertThat(join("other", 1, READ, new CompletableFuture<>()).merged()).isFalse();
    assertThat(join("bus", 2, READ, new CompletableFuture<>()).merged()).isFalse();
    assertThat(join("bus", 1, HEX.parseHex("0300000003"), new CompletableFuture<>()).merged()).isFalse();
    assertThat(join("bus", 1, HEX.parseHex("0400000002"), new CompletableFuture<>()).merged()).isFalse();
    assertThat(sent).hasValue(5);
  }

  @Test
  void anExceptionAnswerOrAFailureIsPassedOnAndNotCached() {
    CompletableFuture<byte[]> exception = new CompletableFuture<>();
    ReadCache.Joined joined = join("bus", 1, READ, exception);
    byte[] illegalAddress = HEX.parseHex("8302");
    exception.complete(illegalAddress);
    assertThat(joined.future()).isCompletedWithValue(illegalAddress);
    assertThat(cache.get("bus", 1, READ.clone(), System.nanoTime())).isNull();

    CompletableFuture<byte[]> failure = new CompletableFuture<>();
    joined = join("bus", 1, READ, failure);
    failure.completeExceptionally(new IllegalStateException("link down"));
    assertThat(joined.future()).isCompletedExceptionally();
    assertThat(cache.get("bus", 1, READ.clone(), System.nanoTime())).isNull();
  }

  @Test
  void aWriteDropsTheUnitsEntriesOnThatLinkOnly() {
    join("bus", 1, READ, CompletableFuture.completedFuture(ANSWER));
    join("bus", 2, READ, CompletableFuture.completedFuture(ANSWER));
    join("other", 1, READ, CompletableFuture.completedFuture(ANSWER));
    long now = System.nanoTime();
    cache.invalidate("bus", 1);
    assertThat(cache.get("bus", 1, READ.clone(), now)).isNull();
    assertThat(cache.get("bus", 2, READ.clone(), now)).isEqualTo(ANSWER);
    assertThat(cache.get("other", 1, READ.clone(), now)).isEqualTo(ANSWER);
  }

  @Test
  void aReadInFlightAcrossAWriteIsPassedOnNotCachedAndNotJoinedAfterTheWrite() {
    CompletableFuture<byte[]> before = new CompletableFuture<>();
    ReadCache.Joined old = join("bus", 1, READ, before);
    CompletableFuture<byte[]> otherUnit = new CompletableFuture<>();
    join("bus", 2, READ, otherUnit);
    cache.invalidate("bus", 1);
    // A read after the write goes to the device, not to the answer that may hold the old value.
    ReadCache.Joined fresh = join("bus", 1, READ, new CompletableFuture<>());
    assertThat(fresh.merged()).isFalse();
    assertThat(fresh.future()).isNotSameAs(old.future());
    // Unit 2's read in flight was not dropped: a second one joins it.
    assertThat(join("bus", 2, READ, new CompletableFuture<>()).merged()).isTrue();

    before.complete(ANSWER);
    assertThat(old.future()).isCompletedWithValue(ANSWER);
    assertThat(cache.get("bus", 1, READ.clone(), System.nanoTime())).isNull();
  }

  @Test
  void anEntryExpiresAfterItsTimeToLiveAndIsRemoved() {
    long before = System.nanoTime();
    join("bus", 1, READ, CompletableFuture.completedFuture(ANSWER));
    long after = System.nanoTime();
    assertThat(cache.get("bus", 1, READ.clone(), after + HOUR - (after - before) - 1)).isEqualTo(ANSWER);
    assertThat(cache.get("bus", 1, READ.clone(), after + HOUR)).isNull();
    // Removed, not only hidden: even an earlier clock finds nothing now.
    assertThat(cache.get("bus", 1, READ.clone(), after)).isNull();
  }
}
