package org.ddrm.eval.suite;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ddrm.core.config.ConfigException;

/**
 * The values one setting takes in a hyper-parameter search ({@code search.range.KEY = ...} in a
 * suite file): {@code uniform(LO, HI)}, {@code loguniform(LO, HI)}, {@code int(LO, HI)} (both
 * ends included) or {@code choice(A, B, ...)}. Every range maps its values onto the unit interval
 * (log-scaled for {@code loguniform}, one equal slice per value for {@code int} and
 * {@code choice}), where the samplers work; sampled numbers keep four significant digits, so the
 * value a trial runs with is the value its record shows.
 */
public sealed interface SearchRange {

  /** The value at a point {@code u} of the unit interval ({@code 0 <= u < 1}). */
  String value(double u);

  /** Where a value of this range lies on the unit interval (a slice's centre for discrete ones). */
  double unit(String value);

  /** Whether the range is a set of unordered values (the samplers treat it as categorical). */
  default boolean categorical() {
    return false;
  }

  /** The range as written in a suite file. */
  String describe();

  /** Numbers spread evenly between {@code lo} and {@code hi}. */
  record Uniform(double lo, double hi) implements SearchRange {
    @Override
    public String value(double u) {
      return significant(lo + u * (hi - lo));
    }

    @Override
    public double unit(String value) {
      return clamp((Double.parseDouble(value) - lo) / (hi - lo));
    }

    @Override
    public String describe() {
      return "uniform(" + plain(lo) + ", " + plain(hi) + ")";
    }
  }

  /** Positive numbers whose logarithms spread evenly between those of {@code lo} and {@code hi}. */
  record LogUniform(double lo, double hi) implements SearchRange {
    @Override
    public String value(double u) {
      return significant(Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))));
    }

    @Override
    public double unit(String value) {
      return clamp((Math.log(Double.parseDouble(value)) - Math.log(lo))
          / (Math.log(hi) - Math.log(lo)));
    }

    @Override
    public String describe() {
      return "loguniform(" + plain(lo) + ", " + plain(hi) + ")";
    }
  }

  /** The whole numbers from {@code lo} to {@code hi}, both included. */
  record IntRange(long lo, long hi) implements SearchRange {
    @Override
    public String value(double u) {
      return Long.toString(Math.min(hi, lo + (long) Math.floor(u * (hi - lo + 1))));
    }

    @Override
    public double unit(String value) {
      return clamp((Long.parseLong(value) - lo + 0.5) / (hi - lo + 1));
    }

    @Override
    public String describe() {
      return "int(" + lo + ", " + hi + ")";
    }
  }

  /** One of a list of values, unordered. */
  record Choice(List<String> values) implements SearchRange {
    @Override
    public String value(double u) {
      return values.get(Math.min(values.size() - 1, (int) Math.floor(u * values.size())));
    }

    @Override
    public double unit(String value) {
      int index = values.indexOf(value);
      return index < 0 ? Double.NaN : (index + 0.5) / values.size();
    }

    @Override
    public boolean categorical() {
      return true;
    }

    @Override
    public String describe() {
      return "choice(" + String.join(", ", values) + ")";
    }
  }

  /** The forms a range takes, for error messages. */
  String FORMS = "uniform(LO, HI), loguniform(LO, HI), int(LO, HI) or choice(A, B, ...)";

  /**
   * Reads a range.
   *
   * @throws ConfigException naming the file and key when the text is not one of the forms or its
   *     bounds are out of order
   */
  static SearchRange parse(Path file, String key, String text) {
    Matcher m = Pattern.compile("([a-z]+)\\s*\\((.*)\\)").matcher(text.trim());
    if (!m.matches()) {
      throw new ConfigException(file + ": " + key + " = '" + text + "' is not a range; write "
          + FORMS);
    }
    List<String> args = Arrays.stream(m.group(2).split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
    String form = m.group(1).toLowerCase(Locale.ROOT);
    if (form.equals("choice")) {
      if (args.isEmpty()) {
        throw new ConfigException(file + ": " + key + " = '" + text + "' names no value");
      }
      return new Choice(args);
    }
    if (args.size() != 2) {
      throw new ConfigException(file + ": " + key + " = '" + text + "': " + form
          + " takes two bounds, LO and HI");
    }
    try {
      switch (form) {
        case "uniform", "loguniform" -> {
          double lo = Double.parseDouble(args.get(0));
          double hi = Double.parseDouble(args.get(1));
          if (!(lo < hi) || form.equals("loguniform") && lo <= 0) {
            throw new ConfigException(file + ": " + key + " = '" + text + "': needs LO < HI"
                + (form.equals("loguniform") ? " and LO > 0" : ""));
          }
          return form.equals("uniform") ? new Uniform(lo, hi) : new LogUniform(lo, hi);
        }
        case "int" -> {
          long lo = Long.parseLong(args.get(0));
          long hi = Long.parseLong(args.get(1));
          if (lo > hi) {
            throw new ConfigException(file + ": " + key + " = '" + text + "': needs LO <= HI");
          }
          return new IntRange(lo, hi);
        }
        default -> throw new ConfigException(file + ": " + key + " = '" + text + "': unknown"
            + " range '" + form + "'; write " + FORMS);
      }
    } catch (NumberFormatException e) {
      throw new ConfigException(file + ": " + key + " = '" + text + "': the bounds must be"
          + " numbers" + (form.equals("int") ? " (whole numbers)" : ""));
    }
  }

  private static String significant(double v) {
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  private static String plain(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private static double clamp(double u) {
    return Math.max(0, Math.min(1, u));
  }
}
