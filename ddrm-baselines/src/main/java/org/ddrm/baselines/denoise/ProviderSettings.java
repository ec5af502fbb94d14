package org.ddrm.baselines.denoise;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ddrm.api.Settings;

/** Reads one provider's settings and rejects bad values with a message naming the full key. */
final class ProviderSettings {
  private final String provider;
  private final Settings settings;

  ProviderSettings(String provider, Settings settings) {
    this.provider = provider;
    this.settings = settings;
  }

  /** A number in [min, max) ({@code maxExclusive}) or [min, max]. */
  double number(String key, double min, double max, boolean maxExclusive) {
    double value = settings.getDouble(key);
    boolean inside = value >= min && (maxExclusive ? value < max : value <= max);
    if (!inside) {
      throw invalid(key, "must lie in [" + min + ", " + max + (maxExclusive ? ")" : "]")
          + ", got " + value);
    }
    return value;
  }

  /** A finite number of at least {@code min}. */
  double atLeast(String key, double min) {
    double value = settings.getDouble(key);
    if (!(value >= min) || Double.isInfinite(value)) {
      throw invalid(key, "must be a finite number of at least " + min + ", got " + value);
    }
    return value;
  }

  int positiveInt(String key) {
    int value = settings.getInt(key);
    if (value < 1) {
      throw invalid(key, "must be at least 1, got " + value);
    }
    return value;
  }

  /** One of the constants of {@code type}, written in lower case. */
  <E extends Enum<E>> E choice(String key, Class<E> type) {
    String value = settings.getString(key);
    String wanted = value.trim().toUpperCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(wanted)) {
        return constant;
      }
    }
    String names = Arrays.stream(type.getEnumConstants())
        .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    throw invalid(key, "expected one of " + names + ", got '" + value + "'");
  }

  private IllegalArgumentException invalid(String key, String message) {
    return new IllegalArgumentException(provider + "." + key + ": " + message);
  }
}
