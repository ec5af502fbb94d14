package org.ddrm.api;

import java.util.List;
import java.util.Optional;

/**
 * The values a setting accepts. Rules are checked when a run's settings are validated, before any
 * data is loaded or TensorFlow starts, so a bad value ends the run with one message naming the
 * key. Build them with the factories here or with the shortcuts on {@link SettingSpec}.
 */
public sealed interface ValueRule {
  /** Accepts every value. */
  ValueRule ANY = new Any();

  /** Why {@code value} is not accepted (a phrase such as "must be a number > 0"), if it is not. */
  Optional<String> problem(String value);

  /** The accepted values in words, as {@code ddrm list --settings} shows them ("" for any). */
  String describe();

  /**
   * The accepted values as the object of "expected ...", for the message of a typed read
   * ({@link Setting#read}): "a positive integer", "a value in [0, 1)", "one of mean, sum".
   */
  String expected();

  /** A whole number of at least {@code min}. */
  static ValueRule integerAtLeast(long min) {
    return new IntegerAtLeast(min);
  }

  /** A number in [min, max], or (min, max] when {@code minExclusive}. */
  static ValueRule number(double min, boolean minExclusive, double max) {
    return new NumberRange(min, minExclusive, max, false);
  }

  /** A number between min and max, each end excluded when its flag says so (or infinite). */
  static ValueRule number(double min, boolean minExclusive, double max, boolean maxExclusive) {
    return new NumberRange(min, minExclusive, max, maxExclusive);
  }

  /** A share in [0, 1): planted-noise ratios, drop rates. */
  static ValueRule shareBelowOne() {
    return new NumberRange(0, false, 1, true);
  }

  /** One of the given words. */
  static ValueRule oneOf(String... values) {
    return new OneOf(List.of(values));
  }

  /** {@code true} or {@code false}. */
  static ValueRule flag() {
    return new OneOf(List.of("true", "false"));
  }

  /** A comma-separated list of whole numbers, each at least {@code min}. */
  static ValueRule integerListAtLeast(long min) {
    return new IntegerListAtLeast(min);
  }

  /** See {@link #ANY}. */
  record Any() implements ValueRule {
    @Override
    public Optional<String> problem(String value) {
      return Optional.empty();
    }

    @Override
    public String describe() {
      return "";
    }

    @Override
    public String expected() {
      return "any value";
    }
  }

  /** See {@link #integerAtLeast}. */
  record IntegerAtLeast(long min) implements ValueRule {
    @Override
    public Optional<String> problem(String value) {
      try {
        return Long.parseLong(value.trim()) >= min ? Optional.empty() : Optional.of(describe());
      } catch (NumberFormatException e) {
        return Optional.of(describe());
      }
    }

    @Override
    public String describe() {
      return "must be a whole number >= " + min;
    }

    @Override
    public String expected() {
      if (min == Long.MIN_VALUE) {
        return "a whole number";
      }
      if (min == 0 || min == 1) {
        return min == 0 ? "a non-negative integer" : "a positive integer";
      }
      return "an integer of at least " + min;
    }
  }

  /** See {@link #number}. */
  record NumberRange(double min, boolean minExclusive, double max, boolean maxExclusive)
      implements ValueRule {
    @Override
    public Optional<String> problem(String value) {
      double v;
      try {
        v = Double.parseDouble(value.trim());
      } catch (NumberFormatException e) {
        return Optional.of(describe());
      }
      boolean above = minExclusive ? v > min : v >= min;
      boolean below = maxExclusive ? v < max : v <= max;
      return above && below && Double.isFinite(v) ? Optional.empty() : Optional.of(describe());
    }

    @Override
    public String describe() {
      String lower = (minExclusive ? "> " : ">= ") + plain(min);
      String upper = (maxExclusive ? "< " : "<= ") + plain(max);
      if (Double.isInfinite(min)) {
        return "must be a number " + upper;
      }
      return Double.isInfinite(max)
          ? "must be a number " + lower
          : "must be a number " + lower + " and " + upper;
    }

    @Override
    public String expected() {
      if (Double.isInfinite(min)) {
        return "a finite value " + (maxExclusive ? "< " : "<= ") + plain(max);
      }
      if (Double.isInfinite(max)) {
        return minExclusive ? "a finite value > " + plain(min)
            : "a finite number of at least " + plain(min);
      }
      return "a value in " + (minExclusive ? "(" : "[") + plain(min) + ", " + plain(max)
          + (maxExclusive ? ")" : "]");
    }

    private static String plain(double v) {
      return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
  }

  /** See {@link #oneOf} and {@link #flag}. */
  record OneOf(List<String> values) implements ValueRule {
    public OneOf {
      values = List.copyOf(values);
    }

    @Override
    public Optional<String> problem(String value) {
      return values.contains(value.trim()) ? Optional.empty() : Optional.of(describe());
    }

    @Override
    public String describe() {
      return "must be one of " + String.join(", ", values);
    }

    @Override
    public String expected() {
      return "one of " + String.join(", ", values);
    }
  }

  /** See {@link #integerListAtLeast}. */
  record IntegerListAtLeast(long min) implements ValueRule {
    @Override
    public Optional<String> problem(String value) {
      if (value.isBlank()) {
        return Optional.of(describe());
      }
      for (String part : value.split(",")) {
        if (new IntegerAtLeast(min).problem(part).isPresent()) {
          return Optional.of(describe());
        }
      }
      return Optional.empty();
    }

    @Override
    public String describe() {
      return "must be a comma-separated list of whole numbers >= " + min;
    }

    @Override
    public String expected() {
      return min == 1 ? "a non-empty list of positive integers"
          : "a non-empty list of integers of at least " + min;
    }
  }
}
