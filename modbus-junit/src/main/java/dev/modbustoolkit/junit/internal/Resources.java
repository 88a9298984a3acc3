package dev.modbustoolkit.junit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Finds a profile or fault file: a path, else a class path resource ({@code classpath:} forces the class path). */
public final class Resources {
  private static final String CLASSPATH = "classpath:";

  private Resources() {}

  /**
   * A file's text and where names inside it are resolved.
   *
   * @param name the location as given
   * @param path the path (for a resource: the resource name)
   * @param text the content
   * @param baseDir the file's directory (CSV playback in profiles)
   */
  public record Text(String name, Path path, String text, Path baseDir) {}

  /**
   * Reads a file or resource.
   *
   * @param location a path (absolute, or relative to the working directory) or a resource name
   * @param loader where resources are looked up
   * @return its text
   * @throws IOException naming the location when it is neither an existing file nor a resource, or cannot be read
   */
  public static Text read(String location, ClassLoader loader) throws IOException {
    boolean classpathOnly = location.startsWith(CLASSPATH);
    String name = classpathOnly ? location.substring(CLASSPATH.length()) : location;
    if (!classpathOnly) {
      try {
        Path path = Path.of(name);
        if (Files.isRegularFile(path)) {
          Path dir = path.toAbsolutePath().getParent();
          return new Text(location, path, Files.readString(path, StandardCharsets.UTF_8),
              dir == null ? Path.of("") : dir);
        }
      } catch (InvalidPathException e) {
        // not a path: a resource name, perhaps
      }
    }
    String resource = name.startsWith("/") ? name.substring(1) : name;
    URL url = loader.getResource(resource);
    if (url == null) {
      throw new IOException(classpathOnly
          ? "no class path resource " + resource
          : "neither a file (from " + Path.of("").toAbsolutePath() + ") nor a class path resource: " + name);
    }
    try (InputStream in = url.openStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new Text(location, Path.of(resource), text, baseDir(url));
    }
  }

  private static Path baseDir(URL url) {
    if ("file".equals(url.getProtocol())) {
      try {
        Path parent = Path.of(url.toURI()).getParent();
        if (parent != null) {
          return parent;
        }
      } catch (URISyntaxException | IllegalArgumentException e) {
        // fall through: relative names then resolve against the working directory
      }
    }
    return Path.of("");
  }
}
