package dev.modbustoolkit.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What mbpoll printed, read back: its lines {@code [2]: 302} as "2=302". */
final class MbpollOutput {
  private static final Pattern VALUE = Pattern.compile("\\[(\\d+)\\]:\\s+(-?\\d+)");

  private MbpollOutput() {}

  /** {@return the "address=value" pairs of {@code output}, space-separated, in mbpoll's order} */
  static String values(String output) {
    List<String> seen = new ArrayList<>();
    Matcher m = VALUE.matcher(output);
    while (m.find()) {
      seen.add(m.group(1) + "=" + m.group(2));
    }
    return String.join(" ", seen);
  }
}
