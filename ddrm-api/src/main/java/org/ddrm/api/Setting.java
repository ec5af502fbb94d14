package org.ddrm.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One setting declared once: its {@link SettingSpec} (key, default, description, accepted values)
 * and the type its value reads as. Providers declare their settings as constants of this type,
 * list them through a {@link SettingSet} and read them with {@link #read}, which returns the
 * typed value after checking it against the spec's rule.
 *
 * <pre>{@code
 * static final SettingSet KEYS = new SettingSet();
 * static final Setting<Integer> DIM =
 *     KEYS.add(Setting.integer(new SettingSpec("dim", "64", "embedding size").atLeast(1)));
 * static final Setting<Pooling> POOLING =
 *     KEYS.add(Setting.choice(new SettingSpec("pooling", "mean", "pooling"), Pooling.class));
 * ...
 * int dim = DIM.read("mf", settings);
 * }</pre>
 *
 * @param <T> the value's type
 */
public final class Setting<T> {
  private final SettingSpec spec;
  private final Reader<T> reader;

  /** Reads the value of a key as its type (the settings' own parse errors name the key). */
  @FunctionalInterface
  private interface Reader<T> {
    T read(Settings settings, String key);
  }

  private Setting(SettingSpec spec, Reader<T> reader) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.reader = reader;
  }

  /** A whole number that fits an {@code int}. */
  public static Setting<Integer> integer(SettingSpec spec) {
    return new Setting<>(spec, Settings::getInt);
  }

  /** A whole number (seeds). */
  public static Setting<Long> wholeNumber(SettingSpec spec) {
    return new Setting<>(spec, Settings::getLong);
  }

  /** A number. */
  public static Setting<Double> number(SettingSpec spec) {
    return new Setting<>(spec, Settings::getDouble);
  }

  /** {@code true} or {@code false}; the spec gets the {@link ValueRule#flag()} rule. */
  public static Setting<Boolean> flag(SettingSpec spec) {
    return new Setting<>(spec.flag(), Settings::getBoolean);
  }

  /** A comma-separated list of whole numbers. */
  public static Setting<List<Integer>> integers(SettingSpec spec) {
    return new Setting<>(spec, Settings::getIntList);
  }

  /** Text, as written (trimmed). */
  public static Setting<String> text(SettingSpec spec) {
    return new Setting<>(spec, Settings::getString);
  }

  /**
   * One constant of {@code type}, written in lower case; the spec accepts exactly the constants'
   * names, in declaration order.
   *
   * @throws IllegalArgumentException when the spec's default names no constant
   */
  public static <E extends Enum<E>> Setting<E> choice(SettingSpec spec, Class<E> type) {
    String[] names = Arrays.stream(type.getEnumConstants())
        .map(c -> c.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    SettingSpec choices = spec.oneOf(names);
    choices.problem(spec.defaultValue()).ifPresent(problem -> {
      throw new IllegalArgumentException(
          spec.key() + ": the default '" + spec.defaultValue() + "' " + problem);
    });
    return new Setting<>(choices, (settings, key) ->
        Enum.valueOf(type, settings.getString(key).toUpperCase(Locale.ROOT)));
  }

  public SettingSpec spec() {
    return spec;
  }

  public String key() {
    return spec.key();
  }

  /** The key as messages name it: {@code owner.key} ({@code key} for an empty owner). */
  public String fullKey(String owner) {
    return owner.isEmpty() ? spec.key() : owner + "." + spec.key();
  }

  /**
   * The typed value of this setting in a view scoped to its owner.
   *
   * @param owner the provider's name (or "" for framework keys), used in error messages
   * @throws IllegalArgumentException {@code owner.key: expected ..., got ...} when the value is
   *     outside the spec's rule
   */
  public T read(String owner, Settings settings) {
    String raw = settings.getString(spec.key());
    if (spec.rule() instanceof ValueRule.OneOf) {
      check(owner, raw, "'" + raw + "'");
      return reader.read(settings, spec.key());
    }
    T value = reader.read(settings, spec.key());
    check(owner, raw, String.valueOf(value));
    return value;
  }

  /** The error for a value of this setting: {@code owner.key: expected EXPECTED, got GOT}. */
  public IllegalArgumentException invalid(String owner, String expected, Object got) {
    return new IllegalArgumentException(
        fullKey(owner) + ": expected " + expected + ", got " + got);
  }

  private void check(String owner, String raw, String shown) {
    if (spec.problem(raw).isPresent()) {
      throw invalid(owner, spec.rule().expected(), shown);
    }
  }

  @Override
  public String toString() {
    return "Setting[" + spec.key() + "]";
  }
}
