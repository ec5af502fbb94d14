package org.ddrm.baselines.settings;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.ddrm.api.Settings;

/**
 * Reads one provider's settings and rejects bad values with a one-line message naming the full
 * key ({@code provider.key}), shared by every baseline provider.
 */
public final class ProviderSettings {
  private final String provider;
  private final Settings settings;

  public ProviderSettings(String provider, Settings settings) {
    this.provider = provider;
    this.settings = settings;
  }

  /** The raw text of a setting. */
  public String text(String key) {
    return settings.getString(key);
  }

  /** The full key, {@code provider.key}, for messages. */
  public String fullKey(String key) {
    return provider + "." + key;
  }

  /** A number in [min, max) ({@code maxExclusive}) or [min, max]. */
  public double number(String key, double min, double max, boolean maxExclusive) {
    double value = settings.getDouble(key);
    boolean inside = value >= min && (maxExclusive ? value < max : value <= max);
    if (!inside) {
      throw invalid(key, "a value in [" + plain(min) + ", " + plain(max) + (maxExclusive ? ")" : "]"),
          String.valueOf(value));
    }
    return value;
  }

  /** A rate in [0, 1): dropout, corruption. */
  public double rate(String key) {
    return number(key, 0, 1, true);
  }

  /** A finite number of at least {@code min}. */
  public double atLeast(String key, double min) {
    double value = settings.getDouble(key);
    if (!(value >= min) || Double.isInfinite(value)) {
      throw invalid(key, "a finite number of at least " + plain(min), String.valueOf(value));
    }
    return value;
  }

  public double nonNegative(String key) {
    return atLeast(key, 0);
  }

  public double positive(String key) {
    return greaterThan(key, 0);
  }

  /** A finite number strictly above {@code bound}. */
  public double greaterThan(String key, double bound) {
    double value = settings.getDouble(key);
    if (!(value > bound) || Double.isInfinite(value)) {
      throw invalid(key, "a finite value > " + plain(bound), String.valueOf(value));
    }
    return value;
  }

  /** A finite number strictly below {@code bound}. */
  public double lessThan(String key, double bound) {
    double value = settings.getDouble(key);
    if (!(value < bound) || Double.isInfinite(value)) {
      throw invalid(key, "a finite value < " + plain(bound), String.valueOf(value));
    }
    return value;
  }

  public int positiveInt(String key) {
    int value = settings.getInt(key);
    if (value < 1) {
      throw invalid(key, "a positive integer", String.valueOf(value));
    }
    return value;
  }

  public List<Integer> positiveInts(String key) {
    List<Integer> values = settings.getIntList(key);
    if (values.isEmpty() || values.stream().anyMatch(v -> v <= 0)) {
      throw invalid(key, "a non-empty list of positive integers", values.toString());
    }
    return values;
  }

  /** One of the constants of {@code type}, written in lower case. */
  public <E extends Enum<E>> E choice(String key, Class<E> type) {
    String value = settings.getString(key);
    String wanted = value.trim().toUpperCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(wanted)) {
        return constant;
      }
    }
    String names = Arrays.stream(type.getEnumConstants())
        .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    throw invalid(key, "one of " + names, "'" + value + "'");
  }

  private static String plain(double bound) {
    return BigDecimal.valueOf(bound).stripTrailingZeros().toPlainString();
  }

  /** The error for a setting: {@code provider.key: expected EXPECTED, got GOT}. */
  public IllegalArgumentException invalid(String key, String expected, String got) {
    return new IllegalArgumentException(fullKey(key) + ": expected " + expected + ", got " + got);
  }
}
