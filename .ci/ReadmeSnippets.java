import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fails when a Java snippet of a Markdown file is in none of the compiled sources, so that the README cannot drift
 * from the code CI builds. Every {@code ```java} block must occur in one {@code .java} file under the given
 * directories as a contiguous run of lines, each line compared without its leading and trailing whitespace and
 * blank lines ignored on both sides (indentation may differ, the code may not). When the paragraph under a block
 * links to a {@code .java} file, the block must be in that very file, so that the pointer cannot go stale either.
 *
 * <p>A single-file program (JDK 21+, no dependencies), run by {@code .ci/consumer-it.sh}:
 * {@code java .ci/ReadmeSnippets.java README.md consumer-it/src/main/java modbus-junit/src/test/java}. Exit status
 * 0 when every block is found, 1 otherwise (each missing block named by its line and first line), 2 for bad
 * arguments.
 */
public final class ReadmeSnippets {
  private static final Pattern JAVA_LINK = Pattern.compile("\\]\\(([^)\\s]+\\.java)\\)");

  private ReadmeSnippets() {}

  /** A {@code ```java} block: the line of its opening fence, its lines, and the file its pointer names, if any. */
  record Block(int line, List<String> lines, String pointer) {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: java .ci/ReadmeSnippets.java README.md SOURCE_DIR...");
      System.exit(2);
    }
    Path markdown = Path.of(args[0]);
    List<Block> blocks = blocks(Files.readAllLines(markdown));
    Map<Path, List<String>> sources = new TreeMap<>();
    for (int i = 1; i < args.length; i++) {
      try (Stream<Path> files = Files.walk(Path.of(args[i]))) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.put(f, normalized(read(f))));
      }
    }
    if (blocks.isEmpty()) {
      // A README without snippets is more likely a broken fence pattern than a README without code.
      System.err.println("readme-snippets: no ```java block in " + markdown);
      System.exit(1);
    }
    int missing = 0;
    for (Block block : blocks) {
      List<String> wanted = normalized(block.lines());
      List<Path> holders = sources.entrySet().stream()
          .filter(e -> !wanted.isEmpty() && contains(e.getValue(), wanted)).map(Map.Entry::getKey).toList();
      String where = markdown + ":" + block.line();
      String first = wanted.isEmpty() ? "(empty block)" : wanted.get(0);
      if (holders.isEmpty()) {
        System.err.println("readme-snippets: " + where + ": block in no compiled source: " + first);
        missing++;
      } else if (block.pointer() != null && holders.stream().noneMatch(p -> p.endsWith(Path.of(block.pointer())))) {
        System.err.println("readme-snippets: " + where + ": block is in " + holders + ", but the line under it"
            + " points to " + block.pointer() + ": " + first);
        missing++;
      } else {
        System.out.println("readme-snippets: " + where + " is in " + holders.get(0));
      }
    }
    if (missing > 0) {
      System.err.println("readme-snippets: " + missing + " of " + blocks.size() + " Java blocks of " + markdown
          + " are not compiled as written, or not where the line under them points; copy the block into its source"
          + " file, or fix the README");
      System.exit(1);
    }
    System.out.println("readme-snippets: all " + blocks.size() + " Java blocks of " + markdown
        + " are in compiled sources");
  }

  /** The {@code ```java} blocks, each with the first non-blank paragraph line after it (its pointer). */
  static List<Block> blocks(List<String> markdown) {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < markdown.size(); i++) {
      if (!markdown.get(i).strip().equals("```java")) {
        continue;
      }
      int open = i;
      List<String> lines = new ArrayList<>();
      for (i++; i < markdown.size() && !markdown.get(i).strip().startsWith("```"); i++) {
        lines.add(markdown.get(i));
      }
      int next = i + 1;
      while (next < markdown.size() && markdown.get(next).isBlank()) {
        next++;
      }
      String pointer = null;
      if (next < markdown.size()) {
        Matcher link = JAVA_LINK.matcher(markdown.get(next));
        pointer = link.find() ? link.group(1) : null;
      }
      blocks.add(new Block(open + 1, lines, pointer));
    }
    return blocks;
  }

  static List<String> normalized(List<String> lines) {
    return lines.stream().map(String::strip).filter(line -> !line.isEmpty()).toList();
  }

  static boolean contains(List<String> haystack, List<String> needle) {
    for (int start = 0; start + needle.size() <= haystack.size(); start++) {
      if (haystack.subList(start, start + needle.size()).equals(needle)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
