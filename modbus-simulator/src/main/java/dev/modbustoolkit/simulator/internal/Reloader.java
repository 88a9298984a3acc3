package dev.modbustoolkit.simulator.internal;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.config.FaultFile;
import dev.modbustoolkit.fault.config.FaultFileException;
import dev.modbustoolkit.fault.config.FaultFileLoader;
import dev.modbustoolkit.simulator.FaultCatalog;
import dev.modbustoolkit.simulator.FaultOptions;
import dev.modbustoolkit.simulator.ProfileOptions;
import dev.modbustoolkit.simulator.ReloadException;
import dev.modbustoolkit.simulator.ReloadResult;
import dev.modbustoolkit.simulator.model.DeviceModel;
import dev.modbustoolkit.simulator.model.Point;
import dev.modbustoolkit.simulator.model.PointTable;
import dev.modbustoolkit.simulator.profile.DeviceProfile;
import dev.modbustoolkit.simulator.profile.PointSpec;
import dev.modbustoolkit.simulator.profile.PointValue;
import dev.modbustoolkit.simulator.profile.ProfileException;
import dev.modbustoolkit.simulator.profile.ProfileLoader;
import dev.modbustoolkit.simulator.profile.RegisterMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.modbustoolkit.simulator.profile.Identification;
import dev.modbustoolkit.simulator.profile.UnitProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reloads the fault file and the profile from disk while the simulator runs: both files are read and checked
 * first, so a bad one changes nothing; the faults are swapped in one step ({@link FaultPipeline#replaceAll}); a
 * profile whose register layout is unchanged puts every point back to its (new) initial value, any other change
 * of the profile is refused as needing a restart. Connections are never touched.
 */
public final class Reloader {
  private final @Nullable FaultOptions faults;
  private final FaultPipeline pipeline;
  private final FaultCatalog catalog;
  private final @Nullable ProfileOptions profile;
  private final DeviceModel device;
  // Guarded by this.
  private @Nullable DeviceProfile current;
  // Guarded by this: initial values a reload brought, which reset() writes after the profile's own.
  private final Map<Point, PointValue> initials = new HashMap<>();

  /**
   * A reloader.
   *
   * @param faults the fault file, null for none
   * @param pipeline the pipeline its faults live in
   * @param catalog the faults' entries
   * @param profile the profile file, null for none
   * @param device the device model built from it
   */
  public Reloader(@Nullable FaultOptions faults, FaultPipeline pipeline, FaultCatalog catalog,
      @Nullable ProfileOptions profile, DeviceModel device) {
    this.faults = faults;
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.profile = profile;
    this.device = Objects.requireNonNull(device, "device");
    this.current = profile == null ? null : profile.content();
  }

  /**
   * Reads both files again and applies them, or nothing.
   *
   * @return what changed
   * @throws ReloadException for a file that cannot be read or is invalid, or a profile that needs a restart
   */
  public synchronized ReloadResult reload() throws ReloadException {
    FaultFile faultFile = null;
    Map<String, String> entries = Map.of();
    if (faults != null) {
      String text = read(faults.file(), "fault file");
      FaultFileLoader.Syntax syntax = FaultFiles.syntaxOf(faults.file(), text);
      try {
        faultFile = FaultFileLoader.parse(text, syntax);
      } catch (FaultFileException e) {
        throw new ReloadException(ReloadException.Reason.BAD_FILE, "fault file " + faults.file() + ": "
            + e.getMessage());
      }
      entries = FaultEntries.of(text, syntax);
    }
    DeviceProfile next = null;
    if (profile != null) {
      String text = read(profile.file(), "profile");
      Path dir = profile.file().toAbsolutePath().getParent();
      try {
        next = ProfileLoader.parse(text, ProfileLoader.syntaxOf(profile.file(), text), dir == null ? Path.of("") : dir);
      } catch (ProfileException e) {
        throw new ReloadException(ReloadException.Reason.BAD_FILE, "profile " + profile.file() + ": "
            + e.getMessage());
      }
      String difference = layoutDifference(Objects.requireNonNull(current), next);
      if (difference != null) {
        throw new ReloadException(ReloadException.Reason.RESTART_NEEDED, "profile " + profile.file() + ": "
            + difference + ": the register layout changed, restart the simulator to apply it");
      }
    }
    if (faultFile != null) {
      pipeline.replaceAll(faultFile.faults());
      catalog.replaceAll(entries);
    }
    ReloadResult.ProfileOutcome outcome = ReloadResult.ProfileOutcome.NONE;
    if (next != null) {
      outcome = ReloadResult.ProfileOutcome.UNCHANGED;
      if (!next.maps().equals(Objects.requireNonNull(current).maps())) {
        current = next;
        collectInitials(next);
        reset();
        outcome = ReloadResult.ProfileOutcome.RESET;
      }
    }
    return new ReloadResult(faultFile == null ? -1 : faultFile.faults().size(), outcome);
  }

  /** Every value back to the profile as last loaded: the model's reset, then initial values a reload changed. */
  public synchronized void reset() {
    device.reset();
    initials.forEach((point, value) -> {
      switch (value) {
        case PointValue.Text t -> point.write(t);
        case PointValue.Number n -> point.writeClamped(n.value());
      }
    });
  }

  private void collectInitials(DeviceProfile next) {
    initials.clear();
    next.maps().forEach((name, map) -> {
      PointTable table = device.maps().get(name);
      for (PointSpec spec : map.points()) {
        Point point = table.point(spec.name()).orElseThrow();
        if (!point.spec().initial().equals(spec.initial())) {
          initials.put(point, spec.initial());
        }
      }
    });
  }

  private static String read(Path file, String what) throws ReloadException {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new ReloadException(ReloadException.Reason.BAD_FILE, "cannot read " + what + " " + file + ": " + e);
    }
  }

  /** Null when {@code next} differs from {@code running} in points' initial values at most; else the first change. */
  static @Nullable String layoutDifference(DeviceProfile running, DeviceProfile next) {
    if (running.units().size() != next.units().size()) {
      return "units";
    }
    for (int i = 0; i < running.units().size(); i++) {
      if (!sameUnit(running.units().get(i), next.units().get(i))) {
        return "units[" + i + "]";
      }
    }
    if (!running.maps().keySet().equals(next.maps().keySet())) {
      return "maps";
    }
    for (var e : running.maps().entrySet()) {
      RegisterMap a = e.getValue();
      RegisterMap b = next.maps().get(e.getKey());
      RegisterMap bWithOldInitials = new RegisterMap(b.name(), b.wordOrder(), b.tables(), b.size(),
          withInitialsOf(a.points(), b.points()), b.wholeValues());
      if (!a.equals(bWithOldInitials)) {
        return "map " + a.name();
      }
    }
    return null;
  }

  /** Identification holds byte arrays, which a record's equals compares by identity. */
  private static boolean sameUnit(UnitProfile a, UnitProfile b) {
    if (a.id() != b.id() || !a.map().equals(b.map()) || !a.transports().equals(b.transports())) {
      return false;
    }
    Identification x = a.identification();
    Identification y = b.identification();
    if (x == null || y == null) {
      return x == y;
    }
    return x.objects().equals(y.objects()) && x.running() == y.running()
        && Arrays.equals(x.serverId(), y.serverId()) && Arrays.equals(x.additionalData(), y.additionalData());
  }

  private static List<PointSpec> withInitialsOf(List<PointSpec> old, List<PointSpec> next) {
    Map<String, PointSpec> byName = new LinkedHashMap<>();
    old.forEach(p -> byName.put(p.name(), p));
    List<PointSpec> out = new ArrayList<>();
    for (PointSpec p : next) {
      PointSpec o = byName.get(p.name());
      out.add(o == null || o.initial().getClass() != p.initial().getClass() ? p
          : new PointSpec(p.name(), p.table(), p.address(), p.type(), p.wordOrder(), p.scale(), p.offset(), p.unit(),
              p.access(), o.initial(), p.value(), p.tick()));
    }
    return out;
  }
}
