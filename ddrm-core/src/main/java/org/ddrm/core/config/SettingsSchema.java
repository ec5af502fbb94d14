package org.ddrm.core.config;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.ddrm.api.SettingSpec;

/**
 * The keys a run accepts: the framework's own and those of the providers the run uses, each with
 * its default. Validation rejects unknown keys, naming the nearest valid one, and returns the
 * resolved settings (defaults plus the file's values). A value outside its key's
 * {@link org.ddrm.api.ValueRule} is rejected, naming the key, the value and what it accepts.
 */
public final class SettingsSchema {
  private final Map<String, SettingSpec> specs = new TreeMap<>();

  /** Adds keys with the given prefix ({@code ""} for framework keys). */
  public SettingsSchema add(String prefix, List<SettingSpec> keys) {
    for (SettingSpec spec : keys) {
      String full = prefix.isEmpty() ? spec.key() : prefix + "." + spec.key();
      specs.put(full, spec.withKey(full));
    }
    return this;
  }

  /**
   * Checks every key of the raw config against the schema and fills in defaults.
   *
   * @throws ConfigException naming the source and the unknown key with the nearest valid key, or
   *     the key whose value its rule rejects
   */
  public MapSettings validate(ConfigLoader.RawConfig raw) {
    Map<String, String> resolved = new LinkedHashMap<>();
    specs.values().forEach(s -> resolved.put(s.key(), s.defaultValue()));
    for (Map.Entry<String, String> entry : raw.values().entrySet()) {
      String key = entry.getKey();
      if (!specs.containsKey(key)) {
        String hint = nearest(key).map(k -> "; did you mean '" + k + "'?").orElse("");
        throw new ConfigException(
            "unknown setting '" + key + "' in " + raw.source() + hint
                + " (run 'ddrm list' to see every provider's settings)");
      }
      String value = entry.getValue();
      specs.get(key).problem(value).ifPresent(problem -> {
        throw new ConfigException(
            "setting '" + key + "' = '" + value + "' in " + raw.source() + ": " + problem);
      });
      resolved.put(key, value);
    }
    return MapSettings.of(resolved);
  }

  /** The valid key closest to the given one by edit distance. */
  public Optional<String> nearest(String key) {
    LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
    return specs.keySet().stream().min(Comparator.comparingInt(k -> distance.apply(k, key)));
  }
}
