package org.ddrm.api;

/**
 * One configuration key a provider (or the framework) accepts, with its default and a one-line
 * description. Provider keys are relative to the provider's name: the {@code mf} backend's
 * {@code dim} is set as {@code mf.dim} in a config file.
 *
 * @param key the key, relative to the owner's prefix
 * @param defaultValue the default as it would be written in a properties file
 * @param description what the key controls, shown by {@code ddrm list}
 */
public record SettingSpec(String key, String defaultValue, String description) {
  public SettingSpec {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("setting key must not be blank");
    }
  }
}
