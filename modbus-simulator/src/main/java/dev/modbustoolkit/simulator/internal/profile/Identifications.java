package dev.modbustoolkit.simulator.internal.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modbustoolkit.simulator.profile.Identification;
import dev.modbustoolkit.simulator.profile.ProfileException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** Reads a unit's {@code identification}: the FC 2B/0E objects by name, extra objects by id, and FC 11. */
final class Identifications {
  /** The longest object value the library sends in one answer. */
  private static final int MAX_OBJECT = 244;
  /** FC 11 data bytes: server id + run indicator + additional data. */
  private static final int MAX_SERVER_ID = 251;
  private static final String[] NAMES = {"vendorName", "productCode", "revision", "vendorUrl", "productName",
      "modelName", "userApplicationName"};

  private Identifications() {}

  static Identification parse(Obj o) {
    Map<Integer, String> objects = new TreeMap<>();
    for (int id = 0; id < NAMES.length; id++) {
      JsonNode n = id < 3 ? o.req(NAMES[id]) : o.opt(NAMES[id]);
      if (n != null) {
        objects.put(id, text(n, o.pathOf(NAMES[id])));
      }
    }
    JsonNode extra = o.opt("objects");
    if (extra != null) {
      Obj e = Obj.of(extra, o.pathOf("objects"));
      for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        String path = e.pathOf(key);
        int id;
        try {
          id = key.regionMatches(true, 0, "0x", 0, 2) ? Integer.parseInt(key.substring(2), 16)
              : Integer.parseInt(key);
        } catch (NumberFormatException ex) {
          throw new ProfileException(path, "object ids are numbers 0x80..0xFF (the named ones have fields)");
        }
        if (id < 0x80 || id > 0xFF) {
          throw new ProfileException(path, "object id " + id + " is not an extended object 0x80..0xFF");
        }
        objects.put(id, text(e.req(key), path));
      }
    }
    JsonNode serverIdNode = o.opt("serverId");
    String serverId = serverIdNode == null ? objects.get(0) + " " + objects.get(1)
        : Values.text(serverIdNode, o.pathOf("serverId"));
    JsonNode runningNode = o.opt("running");
    boolean running = runningNode == null || Values.booleanValue(runningNode, o.pathOf("running"));
    JsonNode additionalNode = o.opt("additionalData");
    String additional = additionalNode == null ? "" : Values.text(additionalNode, o.pathOf("additionalData"));
    o.done("an identification");
    byte[] id = serverId.getBytes(StandardCharsets.ISO_8859_1);
    byte[] data = additional.getBytes(StandardCharsets.ISO_8859_1);
    if (id.length == 0) {
      throw new ProfileException(o.pathOf("serverId"), "must not be empty");
    }
    if (id.length + 1 + data.length > MAX_SERVER_ID) {
      throw new ProfileException(o.pathOf(serverIdNode == null ? "additionalData" : "serverId"),
          "server id, run indicator and additional data take " + (id.length + 1 + data.length)
              + " bytes, more than FC 11's " + MAX_SERVER_ID);
    }
    return new Identification(objects, id, running, data);
  }

  private static String text(JsonNode n, String path) {
    String s = n.isNumber() ? n.asText() : Values.text(n, path);
    if (s.length() > MAX_OBJECT) {
      throw new ProfileException(path, "longer than " + MAX_OBJECT + " characters");
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xFF) {
        throw new ProfileException(path, "character '" + s.charAt(i) + "' is not ISO-8859-1");
      }
    }
    return s;
  }
}
