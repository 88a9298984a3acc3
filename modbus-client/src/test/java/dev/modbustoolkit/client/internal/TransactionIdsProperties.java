package dev.modbustoolkit.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The allocator against a plain model: never an id in flight, never one quarantined and not yet expired. */
class TransactionIdsProperties {
  private static final long QUARANTINE = 1_000;

  @Property(tries = 300)
  void neverHandsOutAnIdInFlightOrInQuarantine(
      @ForAll @Size(min = 1, max = 400) List<@IntRange(min = 0, max = 3) Integer> steps,
      @ForAll @IntRange(min = 1, max = 8) int window) {
    TransactionIds ids = new TransactionIds(QUARANTINE);
    int[] inFlight = new int[window];
    int count = 0;
    Map<Integer, Long> quarantinedUntil = new HashMap<>();
    long now = 0;
    for (int step : steps) {
      now += 97;
      switch (step) {
        case 0, 1 -> { // allocate, if the window has room
          if (count < window) {
            int id = ids.allocate(now, inFlight, count);
            for (int i = 0; i < count; i++) {
              assertThat(id).isNotEqualTo(inFlight[i]);
            }
            Long until = quarantinedUntil.get(id);
            assertThat(until == null || until - now <= 0).as("id %d quarantined until %d at %d", id, until, now)
                .isTrue();
            inFlight[count++] = id;
          }
        }
        case 2 -> { // the oldest is answered
          if (count > 0) {
            System.arraycopy(inFlight, 1, inFlight, 0, --count);
          }
        }
        default -> { // the oldest times out
          if (count > 0) {
            int id = inFlight[0];
            ids.quarantine(id, now);
            quarantinedUntil.put(id, now + QUARANTINE);
            assertThat(ids.isQuarantined(id, now)).isTrue();
            System.arraycopy(inFlight, 1, inFlight, 0, --count);
          }
        }
      }
    }
  }

  @Test
  void idsComeInSequenceAndWrapAround() {
    TransactionIds ids = new TransactionIds(QUARANTINE);
    List<Integer> seen = new ArrayList<>();
    for (int i = 0; i < 65537; i++) {
      seen.add(ids.allocate(0, new int[0], 0));
    }
    assertThat(seen.subList(0, 3)).containsExactly(1, 2, 3);
    assertThat(seen.get(65535)).isZero();
    assertThat(seen.get(65536)).isEqualTo(1);
  }

  @Test
  void aQuarantinedIdIsSkippedUntilItExpires() {
    TransactionIds ids = new TransactionIds(QUARANTINE);
    ids.quarantine(1, 0);
    assertThat(ids.allocate(10, new int[0], 0)).isEqualTo(2);
    assertThat(ids.isQuarantined(1, QUARANTINE - 1)).isTrue();
    assertThat(ids.isQuarantined(1, QUARANTINE)).isFalse();
  }
}
