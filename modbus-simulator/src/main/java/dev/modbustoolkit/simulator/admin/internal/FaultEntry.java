package dev.modbustoolkit.simulator.admin.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.fault.config.FaultFileException;
import dev.modbustoolkit.fault.config.FaultFileLoader;

/**
 * One fault-file entry given to the API, read by the fault files' own loader (wrapped as {@code {"faults":[entry]}}),
 * so its checks and its messages are the files'; the messages' {@code faults[0].} prefix is dropped, so they name
 * the field of the body ({@code action.base: ...}).
 */
public final class FaultEntry {
  private static final String PREFIX = "faults[0]";

  private FaultEntry() {}

  /**
   * {@return the fault the entry describes}
   *
   * @param entry the body: one entry of a fault file's {@code faults} list
   * @throws ApiException 400 naming the field
   */
  public static FaultSpec parse(ObjectNode entry) {
    ObjectNode file = Json.object();
    ArrayNode list = file.putArray("faults");
    list.add(entry);
    try {
      return FaultFileLoader.parseJson(Json.text(file)).faults().get(0);
    } catch (FaultFileException e) {
      String field = e.field();
      String message = e.getMessage();
      String rest = message.startsWith(field + ": ") ? message.substring(field.length() + 2) : message;
      if (field.startsWith(PREFIX + ".")) {
        throw ApiException.badField(field.substring(PREFIX.length() + 1), rest);
      }
      throw ApiException.badField("body", rest);
    }
  }
}
