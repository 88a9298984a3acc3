package dev.modbustoolkit.fault;

import dev.modbustoolkit.fault.internal.RemoteAddressPattern;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * When a fault fires. All conditions combine with AND; an empty set / null means "any".
 *
 * <p>Evaluation order, per check: first the filters that keep no state (unit ids, function codes, address
 * overlap, remote address, time window, and the action's own gate such as close-after-N-requests); a request
 * passing them all is a <em>match</em> and advances the scope's match counter n (1-based). Then, in order: skip
 * while n &lt;= skipFirst; fire only when (n - skipFirst) is a multiple of everyNth; stop once maxActivations
 * activations happened in this scope; finally draw against probability (only when below 1, from the scope's
 * seeded stream). So {skipFirst 2, everyNth 3} fires on matches 5, 8, 11, ...
 *
 * @param unitIds unit ids that match (0..255); empty = any
 * @param functionCodes function codes that match (1..127); empty = any
 * @param addresses requests whose address range overlaps this one match; requests without an address range do
 *     not; null = any
 * @param remoteAddresses IP literals or CIDR blocks ("10.0.0.0/8", "::1") the peer must be in; requests without a
 *     remote address (serial) do not match; empty = any
 * @param probability chance to fire once every other condition holds, 0..1
 * @param everyNth fire on every N-th match (after skipping), >= 1
 * @param skipFirst ignore the first N matches, >= 0
 * @param maxActivations fire at most K times in the scope, >= 1 ({@link #UNLIMITED} = no limit)
 * @param from active from this instant on (inclusive), null = no start
 * @param until active before this instant (exclusive), null = no end
 * @param startAfter active only once this long has passed since the fault was added, null = at once
 * @param activeFor active only for this long after it became active (addition + startAfter), null = forever
 */
public record TriggerSpec(
    Set<Integer> unitIds,
    Set<Integer> functionCodes,
    @Nullable AddressRange addresses,
    List<String> remoteAddresses,
    double probability,
    long everyNth,
    long skipFirst,
    long maxActivations,
    @Nullable Instant from,
    @Nullable Instant until,
    @Nullable Duration startAfter,
    @Nullable Duration activeFor) {

  /** No limit on activations. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  /** Fires on every check. */
  public static final TriggerSpec ALWAYS = builder().build();

  /** Validates and copies. */
  public TriggerSpec {
    unitIds = Set.copyOf(unitIds);
    functionCodes = Set.copyOf(functionCodes);
    remoteAddresses = List.copyOf(remoteAddresses);
    for (int u : unitIds) {
      if (u < 0 || u > 255) {
        throw new IllegalArgumentException("unitIds: " + u + " out of range 0..255");
      }
    }
    for (int fc : functionCodes) {
      if (fc < 1 || fc > 127) {
        throw new IllegalArgumentException("functionCodes: " + fc + " out of range 1..127");
      }
    }
    for (String a : remoteAddresses) {
      RemoteAddressPattern.parse(a); // throws naming the entry
    }
    if (!(probability >= 0.0 && probability <= 1.0)) {
      throw new IllegalArgumentException("probability " + probability + " out of range 0..1");
    }
    if (everyNth < 1) {
      throw new IllegalArgumentException("everyNth " + everyNth + " must be >= 1");
    }
    if (skipFirst < 0) {
      throw new IllegalArgumentException("skipFirst " + skipFirst + " must be >= 0");
    }
    if (maxActivations < 1) {
      throw new IllegalArgumentException("maxActivations " + maxActivations + " must be >= 1");
    }
    if (from != null && until != null && !from.isBefore(until)) {
      throw new IllegalArgumentException("until " + until + " must be after from " + from);
    }
    if (startAfter != null && startAfter.isNegative()) {
      throw new IllegalArgumentException("startAfter " + startAfter + " is negative");
    }
    if (activeFor != null && (activeFor.isNegative() || activeFor.isZero())) {
      throw new IllegalArgumentException("activeFor " + activeFor + " must be positive");
    }
  }

  /** {@return true when unit ids, function codes or addresses are restricted (request-level filters)} */
  public boolean hasRequestFilters() {
    return !unitIds.isEmpty() || !functionCodes.isEmpty() || addresses != null;
  }

  /** {@return a builder starting from "always"} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TriggerSpec}; every setter is optional. */
  public static final class Builder {
    private final Set<Integer> unitIds = new LinkedHashSet<>();
    private final Set<Integer> functionCodes = new LinkedHashSet<>();
    private @Nullable AddressRange addresses;
    private final List<String> remoteAddresses = new ArrayList<>();
    private double probability = 1.0;
    private long everyNth = 1;
    private long skipFirst;
    private long maxActivations = UNLIMITED;
    private @Nullable Instant from;
    private @Nullable Instant until;
    private @Nullable Duration startAfter;
    private @Nullable Duration activeFor;

    private Builder() {}

    /**
     * Adds unit ids.
     *
     * @param ids the ids
     * @return this builder
     */
    public Builder unitIds(int... ids) {
      for (int id : ids) {
        unitIds.add(id);
      }
      return this;
    }

    /**
     * Adds function codes.
     *
     * @param codes the codes
     * @return this builder
     */
    public Builder functionCodes(int... codes) {
      for (int c : codes) {
        functionCodes.add(c);
      }
      return this;
    }

    /**
     * {@return requests overlapping [first, last]}
     *
     * @param first the first
     * @param last the last
     */
    public Builder addresses(int first, int last) {
      this.addresses = new AddressRange(first, last);
      return this;
    }

    /**
     * Adds IP literals / CIDR blocks.
     *
     * @param patterns the patterns
     * @return this builder
     */
    public Builder remoteAddresses(String... patterns) {
      remoteAddresses.addAll(List.of(patterns));
      return this;
    }

    /**
     * Chance to fire.
     *
     * @param p the p
     * @return this builder
     */
    public Builder probability(double p) {
      this.probability = p;
      return this;
    }

    /**
     * {@return every N-th match}
     *
     * @param n the n
     */
    public Builder everyNth(long n) {
      this.everyNth = n;
      return this;
    }

    /**
     * Skip the first N matches.
     *
     * @param n the n
     * @return this builder
     */
    public Builder skipFirst(long n) {
      this.skipFirst = n;
      return this;
    }

    /**
     * At most K activations per scope.
     *
     * @param k the k
     * @return this builder
     */
    public Builder maxActivations(long k) {
      this.maxActivations = k;
      return this;
    }

    /**
     * Active from this instant.
     *
     * @param t the t
     * @return this builder
     */
    public Builder from(Instant t) {
      this.from = t;
      return this;
    }

    /**
     * Active until this instant (exclusive).
     *
     * @param t the t
     * @return this builder
     */
    public Builder until(Instant t) {
      this.until = t;
      return this;
    }

    /**
     * Active only after this delay since the fault was added.
     *
     * @param d the d
     * @return this builder
     */
    public Builder startAfter(Duration d) {
      this.startAfter = d;
      return this;
    }

    /**
     * Active for this long.
     *
     * @param d the d
     * @return this builder
     */
    public Builder activeFor(Duration d) {
      this.activeFor = d;
      return this;
    }

    /** {@return the trigger} */
    public TriggerSpec build() {
      return new TriggerSpec(
          unitIds,
          functionCodes,
          addresses,
          remoteAddresses,
          probability,
          everyNth,
          skipFirst,
          maxActivations,
          from,
          until,
          startAfter,
          activeFor);
    }
  }
}
