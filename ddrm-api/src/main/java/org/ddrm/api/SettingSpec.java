package org.ddrm.api;

/**
 * One configuration key a provider (or the framework) accepts, with its default, a one-line
 * description and the values it accepts. Provider keys are relative to the provider's name: the
 * {@code mf} backend's {@code dim} is set as {@code mf.dim} in a config file.
 *
 * <p>A value that breaks the rule is rejected before the run loads data, naming the key. An empty
 * value is accepted wherever the default is empty (such keys are optional).
 *
 * @param key the key, relative to the owner's prefix
 * @param defaultValue the default as it would be written in a properties file
 * @param description what the key controls, shown by {@code ddrm list}
 * @param rule the values the key accepts
 */
public record SettingSpec(String key, String defaultValue, String description, ValueRule rule) {
  public SettingSpec {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("setting key must not be blank");
    }
    rule = rule == null ? ValueRule.ANY : rule;
  }

  /** A key that accepts any value. */
  public SettingSpec(String key, String defaultValue, String description) {
    this(key, defaultValue, description, ValueRule.ANY);
  }

  /** This key under another name (e.g. with its provider's prefix). */
  public SettingSpec withKey(String newKey) {
    return new SettingSpec(newKey, defaultValue, description, rule);
  }

  /** This key accepting only what {@code newRule} accepts. */
  public SettingSpec withRule(ValueRule newRule) {
    return new SettingSpec(key, defaultValue, description, newRule);
  }

  /** A number > 0 (learning rates, temperatures, scales). */
  public SettingSpec positive() {
    return withRule(ValueRule.number(0, true, Double.POSITIVE_INFINITY));
  }

  /** A number >= 0 (regularisation weights). */
  public SettingSpec nonNegative() {
    return withRule(ValueRule.number(0, false, Double.POSITIVE_INFINITY));
  }

  /** A number in [0, 1] (probabilities, shares). */
  public SettingSpec probability() {
    return withRule(ValueRule.number(0, false, 1));
  }

  /** A whole number >= {@code min} (sizes: 1; counts that may be zero: 0). */
  public SettingSpec atLeast(long min) {
    return withRule(ValueRule.integerAtLeast(min));
  }

  /** One of the given words. */
  public SettingSpec oneOf(String... values) {
    return withRule(ValueRule.oneOf(values));
  }

  /** {@code true} or {@code false}. */
  public SettingSpec flag() {
    return withRule(ValueRule.flag());
  }

  /** A comma-separated list of sizes, each >= 1 (layer widths, cut-offs). */
  public SettingSpec sizes() {
    return withRule(ValueRule.integerListAtLeast(1));
  }

  /** Why {@code value} is not accepted for this key, if it is not. */
  public java.util.Optional<String> problem(String value) {
    if (value.isEmpty() && defaultValue.isEmpty()) {
      return java.util.Optional.empty();
    }
    return rule.problem(value);
  }
}
