package org.ddrm.core.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.builder.FileBasedConfigurationBuilder;
import org.apache.commons.configuration2.builder.fluent.Parameters;
import org.apache.commons.configuration2.ex.ConfigurationException;

/**
 * Reads a run's settings from a properties file with Apache Commons Configuration (which resolves
 * {@code include = other.properties} lines and {@code ${key}} references), then applies
 * {@code key=value} overrides from the command line. The result is not yet validated: see
 * {@link SettingsSchema#validate}.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** Loads the file and applies overrides in order; later overrides win. */
  public static RawConfig load(Path file, List<String> overrides) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("config file not found: " + file);
    }
    Map<String, String> values = new LinkedHashMap<>();
    try {
      PropertiesConfiguration config =
          new FileBasedConfigurationBuilder<>(PropertiesConfiguration.class)
              .configure(
                  new Parameters()
                      .properties()
                      .setFile(file.toFile())
                      .setIncludesAllowed(true)
                      .setListDelimiterHandler(
                          new org.apache.commons.configuration2.convert.DisabledListDelimiterHandler()))
              .getConfiguration();
      for (Iterator<String> keys = config.getKeys(); keys.hasNext(); ) {
        String key = keys.next();
        // A key set twice (in an included file and again below the include) keeps the last value.
        List<Object> definitions = config.getList(key);
        values.put(key, String.valueOf(definitions.get(definitions.size() - 1)));
      }
    } catch (ConfigurationException | RuntimeException e) {
      throw new ConfigException("cannot read config " + file + ": " + rootMessage(e), e);
    }
    applyOverrides(values, overrides);
    return new RawConfig(file.toString(), values);
  }

  /** A config with no file: defaults plus overrides (used by tests and {@code ddrm bench}). */
  public static RawConfig fromOverrides(List<String> overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    applyOverrides(values, overrides);
    return new RawConfig("<command line>", values);
  }

  private static void applyOverrides(Map<String, String> values, List<String> overrides) {
    for (String override : overrides) {
      int eq = override.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("override '" + override + "' is not of the form key=value");
      }
      values.put(override.substring(0, eq).trim(), override.substring(eq + 1).trim());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  /**
   * Settings as read: where they came from and the key-value pairs, in file order.
   *
   * @param source the file (or "command line") the values came from, for error messages
   * @param values the keys and values
   */
  public record RawConfig(String source, Map<String, String> values) {}
}
