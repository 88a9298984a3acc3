package dev.modbustoolkit.simulator;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fault-file entry (JSON text, one element of a fault file's {@code faults} list) of each fault in the
 * simulator's pipeline, as it was read from the fault file or given to the admin API: what {@code GET /api/faults}
 * shows, so a fault listed can be posted back unchanged. Thread-safe. A fault added through the Java API alone has
 * no entry here.
 */
public final class FaultCatalog {
  private final Map<String, String> entries = new ConcurrentHashMap<>();

  FaultCatalog() {}

  /**
   * {@return the entry of a fault, as JSON text}
   *
   * @param id the fault's id
   */
  public Optional<String> entry(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  /**
   * Records the entry of a fault (replacing an earlier one of that id).
   *
   * @param id the fault's id
   * @param entryJson its fault-file entry as JSON text
   */
  public void put(String id, String entryJson) {
    entries.put(Objects.requireNonNull(id, "id"), Objects.requireNonNull(entryJson, "entryJson"));
  }

  /**
   * Forgets a fault's entry.
   *
   * @param id the fault's id
   */
  public void remove(String id) {
    entries.remove(id);
  }

  /**
   * Replaces every entry (a reload of the fault file).
   *
   * @param byId the new entries by fault id
   */
  public synchronized void replaceAll(Map<String, String> byId) {
    entries.clear();
    entries.putAll(byId);
  }
}
