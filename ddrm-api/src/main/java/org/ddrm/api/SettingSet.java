package org.ddrm.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings an owner (a provider, or the framework) declares, in declaration order: each
 * {@link Setting} constant is declared once, through {@link #add}, and {@link #specs()} is what
 * {@link Provider#settings()} returns. Declare the set before the settings it collects.
 */
public final class SettingSet {
  private final List<Setting<?>> settings = new ArrayList<>();

  /** Adds a setting and returns it, for use in a constant's initialiser. */
  public synchronized <T> Setting<T> add(Setting<T> setting) {
    if (settings.stream().anyMatch(s -> s.key().equals(setting.key()))) {
      throw new IllegalArgumentException("setting '" + setting.key() + "' declared twice");
    }
    settings.add(setting);
    return setting;
  }

  /** Adds every setting of another set (an encoder's keys under a provider that builds on it). */
  public synchronized SettingSet addAll(SettingSet other) {
    other.settings().forEach(this::add);
    return this;
  }

  /** The settings, in declaration order. */
  public synchronized List<Setting<?>> settings() {
    return List.copyOf(settings);
  }

  /** The settings' specs, in declaration order. */
  public synchronized List<SettingSpec> specs() {
    return settings.stream().<SettingSpec>map(Setting::spec).toList();
  }
}
