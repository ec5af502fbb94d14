package org.ddrm.baselines.recommender;

import java.util.List;
import org.ddrm.api.Settings;

/** Reads a provider's settings and rejects out-of-range values with a message naming the key. */
final class SettingChecks {
  private final Settings settings;
  private final String provider;

  SettingChecks(Settings settings, String provider) {
    this.settings = settings;
    this.provider = provider;
  }

  int positiveInt(String key) {
    int value = settings.getInt(key);
    if (value <= 0) {
      throw invalid(key, "a positive integer", String.valueOf(value));
    }
    return value;
  }

  /** A rate in [0, 1): dropout, corruption. */
  double rate(String key) {
    double value = settings.getDouble(key);
    if (!(value >= 0 && value < 1)) {
      throw invalid(key, "a value in [0, 1)", String.valueOf(value));
    }
    return value;
  }

  double nonNegative(String key) {
    double value = settings.getDouble(key);
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw invalid(key, "a finite value >= 0", String.valueOf(value));
    }
    return value;
  }

  double positive(String key) {
    double value = settings.getDouble(key);
    if (!(value > 0) || Double.isInfinite(value)) {
      throw invalid(key, "a finite value > 0", String.valueOf(value));
    }
    return value;
  }

  List<Integer> positiveInts(String key) {
    List<Integer> values = settings.getIntList(key);
    if (values.isEmpty() || values.stream().anyMatch(v -> v <= 0)) {
      throw invalid(key, "a non-empty list of positive integers", values.toString());
    }
    return values;
  }

  Activation activation(String key) {
    return Activation.parse(settings.getString(key), provider + "." + key);
  }

  IllegalArgumentException invalid(String key, String expected, String got) {
    return new IllegalArgumentException(
        provider + "." + key + ": expected " + expected + ", got " + got);
  }
}
