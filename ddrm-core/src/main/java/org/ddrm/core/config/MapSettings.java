package org.ddrm.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ddrm.api.Settings;

/**
 * {@link Settings} over a resolved key-value map. Errors name the full key (with the scope's
 * prefix) and the value that did not parse.
 */
public final class MapSettings implements Settings {
  private final Map<String, String> values;
  private final String prefix;

  private MapSettings(Map<String, String> values, String prefix) {
    this.values = values;
    this.prefix = prefix;
  }

  /** Settings over a copy of the map, unscoped. */
  public static MapSettings of(Map<String, String> values) {
    return new MapSettings(Collections.unmodifiableMap(new TreeMap<>(values)), "");
  }

  @Override
  public String getString(String key) {
    String value = values.get(prefix + key);
    if (value == null) {
      throw new ConfigException("missing setting '" + prefix + key + "'");
    }
    return value.trim();
  }

  @Override
  public int getInt(String key) {
    String value = getString(key);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw invalid(key, value, "an integer");
    }
  }

  @Override
  public long getLong(String key) {
    String value = getString(key);
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw invalid(key, value, "an integer");
    }
  }

  @Override
  public double getDouble(String key) {
    String value = getString(key);
    try {
      double parsed = Double.parseDouble(value);
      if (Double.isNaN(parsed)) {
        throw invalid(key, value, "a number");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw invalid(key, value, "a number");
    }
  }

  @Override
  public boolean getBoolean(String key) {
    String value = getString(key);
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    throw invalid(key, value, "true or false");
  }

  @Override
  public List<Integer> getIntList(String key) {
    String value = getString(key);
    List<Integer> out = new ArrayList<>();
    for (String part : value.split(",")) {
      try {
        out.add(Integer.parseInt(part.trim()));
      } catch (NumberFormatException e) {
        throw invalid(key, value, "a comma-separated list of integers");
      }
    }
    return List.copyOf(out);
  }

  @Override
  public boolean contains(String key) {
    return values.containsKey(prefix + key);
  }

  @Override
  public MapSettings scope(String scope) {
    return new MapSettings(values, prefix + scope + ".");
  }

  /** Every key and value under this view's prefix, keys relative to it. */
  public Map<String, String> asMap() {
    Map<String, String> out = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (k.startsWith(prefix)) {
            out.put(k.substring(prefix.length()), v);
          }
        });
    return out;
  }

  private ConfigException invalid(String key, String value, String expected) {
    return new ConfigException(
        "setting '" + prefix + key + "' = '" + value + "' is not " + expected);
  }
}
