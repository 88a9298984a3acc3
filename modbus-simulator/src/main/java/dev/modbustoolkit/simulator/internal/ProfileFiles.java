package dev.modbustoolkit.simulator.internal;

import dev.modbustoolkit.simulator.UsageException;
import dev.modbustoolkit.simulator.profile.DeviceProfile;
import dev.modbustoolkit.simulator.profile.ProfileException;
import dev.modbustoolkit.simulator.profile.ProfileLoader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the profile of {@code --profile}, turning every problem into a command line error. */
public final class ProfileFiles {
  private ProfileFiles() {}

  /**
   * Reads and checks a profile.
   *
   * @param file the profile file
   * @return the profile
   * @throws UsageException when it cannot be read or is not a valid profile; the message names the file and, for
   *     bad content, the field ({@code units[0].points[3].type: ...})
   */
  public static DeviceProfile load(Path file) throws UsageException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new UsageException("option --profile: " + file + " does not exist");
    } catch (CharacterCodingException e) {
      throw new UsageException("option --profile: " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new UsageException("option --profile: cannot read " + file + ": " + e);
    }
    Path dir = file.toAbsolutePath().getParent();
    try {
      return ProfileLoader.parse(text, ProfileLoader.syntaxOf(file, text), dir == null ? Path.of("") : dir);
    } catch (ProfileException e) {
      throw new UsageException("option --profile: " + file + ": " + e.getMessage());
    }
  }
}
