package dev.modbustoolkit.simulator.profile;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a unit says about itself: FC 2B/0E device identification objects and the FC 11 (report server id) answer.
 *
 * @param objects object id (0x00..0x06, 0x80..0xFF) to value; 0x00 vendor, 0x01 product code and 0x02 revision
 *     are always present
 * @param serverId the server id bytes of FC 11, at least one
 * @param running the run indicator of FC 11
 * @param additionalData the additional data of FC 11
 */
public record Identification(Map<Integer, String> objects, byte[] serverId, boolean running, byte[] additionalData) {

  /** Copies the map and arrays. */
  public Identification {
    objects = Collections.unmodifiableMap(new TreeMap<>(objects));
    serverId = serverId.clone();
    additionalData = additionalData.clone();
    for (int id = 0; id <= 2; id++) {
      if (!objects.containsKey(id)) {
        throw new IllegalArgumentException("mandatory object " + id + " is missing");
      }
    }
    Objects.requireNonNull(serverId, "serverId");
  }

  /** {@return a copy of the server id bytes} */
  @Override
  public byte[] serverId() {
    return serverId.clone();
  }

  /** {@return a copy of the additional data} */
  @Override
  public byte[] additionalData() {
    return additionalData.clone();
  }
}
