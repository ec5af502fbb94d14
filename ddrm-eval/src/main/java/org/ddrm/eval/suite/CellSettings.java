package org.ddrm.eval.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.eval.run.ResultSettings;
import org.ddrm.eval.run.RunConfig;
import org.ddrm.eval.run.RunDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Whether a finished cell was run with the settings its config resolves to today. */
public final class CellSettings {
  private static final Logger log = LoggerFactory.getLogger(CellSettings.class);

  private CellSettings() {}

  /**
   * The keys whose values differ between the settings the finished cell in {@code directory} ran
   * with and those its config resolves to now (thread counts aside), comma-separated; empty when
   * they agree or either cannot be read (the cell then stands as finished).
   *
   * @param extraOverrides the runner's {@code --set} overrides, applied after the cell's own
   */
  public static Optional<String> changed(SuiteCell cell, Path directory,
      List<String> extraOverrides, ProviderRegistry registry) {
    try {
      return differing(recorded(directory, registry), current(cell, extraOverrides, registry));
    } catch (RuntimeException e) {
      log.debug("cell {}: settings not compared", cell.label(), e);
      return Optional.empty();
    }
  }

  /** The cell's own overrides, then the runner's: what a cell's run is configured with. */
  static List<String> overrides(SuiteCell cell, List<String> extraOverrides) {
    List<String> all = new ArrayList<>(cell.overrides());
    all.addAll(extraOverrides);
    return all;
  }

  /** The settings the cell's config resolves to now, with the runner's overrides. */
  static Map<String, String> current(SuiteCell cell, List<String> extraOverrides,
      ProviderRegistry registry) {
    return RunConfig.load(cell.variant().row().config(), overrides(cell, extraOverrides),
        registry).settings().asMap();
  }

  /** The settings the run in {@code directory} recorded. */
  static Map<String, String> recorded(Path directory, ProviderRegistry registry) {
    return RunDirectory.recordedConfig(directory, registry).settings().asMap();
  }

  /** The keys, thread counts aside, whose values differ, comma-separated; empty when none. */
  static Optional<String> differing(Map<String, String> recorded, Map<String, String> current) {
    Set<String> keys = new TreeSet<>(recorded.keySet());
    keys.addAll(current.keySet());
    keys.removeAll(ResultSettings.THREAD_KEYS);
    keys.removeIf(key -> Objects.equals(recorded.get(key), current.get(key)));
    return keys.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", keys));
  }
}
