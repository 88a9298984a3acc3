package dev.modbustoolkit.fault.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modbustoolkit.fault.AddressRange;
import dev.modbustoolkit.fault.TriggerSpec;
import dev.modbustoolkit.fault.config.FaultFileException;
import dev.modbustoolkit.pdu.FunctionCode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The trigger object of a fault. */
final class Triggers {
  private Triggers() {}

  static TriggerSpec parse(Obj o) {
    Set<Integer> units = ints(o, "unitIds", 0, 255);
    Set<Integer> codes = functionCodes(o);
    AddressRange addresses = addresses(o);
    List<String> remotes = List.of();
    JsonNode r = o.opt("remoteAddresses");
    if (r != null) {
      List<JsonNode> items = Values.list(r);
      String[] out = new String[items.size()];
      for (int i = 0; i < out.length; i++) {
        String path = Values.elementPath(r, o.pathOf("remoteAddresses"), i);
        out[i] = Values.text(items.get(i), path);
        try {
          dev.modbustoolkit.fault.internal.RemoteAddressPattern.parse(out[i]);
        } catch (IllegalArgumentException e) {
          throw new FaultFileException(path, "'" + out[i] + "' is not an IP address or CIDR block");
        }
      }
      remotes = List.of(out);
    }
    double probability = 1.0;
    JsonNode p = o.opt("probability");
    if (p != null) {
      probability = Values.doubleValue(p, o.pathOf("probability"));
      if (!(probability >= 0 && probability <= 1)) {
        throw new FaultFileException(o.pathOf("probability"), "must be between 0 and 1, was " + p.asText());
      }
    }
    long everyNth = positive(o, "everyNth", 1, 1);
    long skipFirst = positive(o, "skipFirst", 0, 0);
    long maxActivations = positive(o, "maxActivations", TriggerSpec.UNLIMITED, 1);
    JsonNode from = o.opt("from");
    JsonNode until = o.opt("until");
    JsonNode startAfter = o.opt("startAfter");
    JsonNode activeFor = o.opt("activeFor");
    o.done("a trigger");
    try {
      return new TriggerSpec(
          units,
          codes,
          addresses,
          remotes,
          probability,
          everyNth,
          skipFirst,
          maxActivations,
          from == null ? null : Values.instant(from, o.pathOf("from")),
          until == null ? null : Values.instant(until, o.pathOf("until")),
          startAfter == null ? null : Values.duration(startAfter, o.pathOf("startAfter")),
          activeFor == null ? null : Values.duration(activeFor, o.pathOf("activeFor")));
    } catch (IllegalArgumentException e) {
      String msg = String.valueOf(e.getMessage());
      // TriggerSpec's messages start with the field name ("until ... must be after from ...").
      String field = msg.split("[ :]", 2)[0];
      throw new FaultFileException(o.pathOf(field), msg, e);
    }
  }

  private static long positive(Obj o, String field, long absent, long min) {
    JsonNode n = o.opt(field);
    if (n == null) {
      return absent;
    }
    long v = Values.longValue(n, o.pathOf(field));
    if (v < min) {
      throw new FaultFileException(o.pathOf(field), "must be >= " + min + ", was " + v);
    }
    return v;
  }

  private static Set<Integer> ints(Obj o, String field, int min, int max) {
    JsonNode n = o.opt(field);
    Set<Integer> out = new LinkedHashSet<>();
    if (n == null) {
      return out;
    }
    List<JsonNode> items = Values.list(n);
    for (int i = 0; i < items.size(); i++) {
      String path = Values.elementPath(n, o.pathOf(field), i);
      int v = Values.intValue(items.get(i), path);
      if (v < min || v > max) {
        throw new FaultFileException(path, v + " out of range " + min + ".." + max);
      }
      out.add(v);
    }
    return out;
  }

  private static Set<Integer> functionCodes(Obj o) {
    JsonNode n = o.opt("functionCodes");
    Set<Integer> out = new LinkedHashSet<>();
    if (n == null) {
      return out;
    }
    List<JsonNode> items = Values.list(n);
    for (int i = 0; i < items.size(); i++) {
      String path = Values.elementPath(n, o.pathOf("functionCodes"), i);
      JsonNode item = items.get(i);
      int v;
      FunctionCode named = item.isTextual() ? named(item.asText()) : null;
      if (named != null) {
        v = named.code();
      } else {
        try {
          v = Values.intValue(item, path);
        } catch (FaultFileException e) {
          throw new FaultFileException(
              path, "'" + item.asText() + "' is neither a function code number nor a name like"
                  + " read-holding-registers");
        }
      }
      if (v < 1 || v > 127) {
        throw new FaultFileException(path, v + " out of range 1..127");
      }
      out.add(v);
    }
    return out;
  }

  private static @Nullable FunctionCode named(String text) {
    String name = text.strip().replace('-', '_').toUpperCase(Locale.ROOT);
    for (FunctionCode fc : FunctionCode.values()) {
      if (fc.name().equals(name)) {
        return fc;
      }
    }
    return null;
  }

  private static @Nullable AddressRange addresses(Obj o) {
    JsonNode n = o.opt("addresses");
    String path = o.pathOf("addresses");
    if (n == null) {
      return null;
    }
    int first;
    int last;
    if (n.isObject()) {
      Obj r = Obj.of(n, path);
      first = Values.intValue(r.req("first"), r.pathOf("first"));
      JsonNode l = r.opt("last");
      last = l == null ? first : Values.intValue(l, r.pathOf("last"));
      r.done("an address range");
    } else if (n.isTextual() && n.asText().contains("-")) {
      String[] parts = n.asText().split("-", 2);
      try {
        first = Integer.parseInt(parts[0].strip());
        last = Integer.parseInt(parts[1].strip());
      } catch (NumberFormatException e) {
        throw new FaultFileException(path, "'" + n.asText() + "' is not a range like 100-199");
      }
    } else {
      first = Values.intValue(n, path);
      last = first;
    }
    try {
      return new AddressRange(first, last);
    } catch (IllegalArgumentException e) {
      throw new FaultFileException(path, String.valueOf(e.getMessage()).replaceFirst("^addresses\\.", ""), e);
    }
  }
}
