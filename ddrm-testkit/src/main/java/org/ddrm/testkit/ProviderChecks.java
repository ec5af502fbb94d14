package org.ddrm.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.Provider;
import org.ddrm.api.RecommenderProvider;
import org.ddrm.api.SettingSpec;
import org.ddrm.core.config.ConfigException;

/**
 * Checks of what every provider tells the framework about itself: how it is declared, its name,
 * its settings. Each throws an {@link AssertionError} that says what to fix.
 */
public final class ProviderChecks {
  private ProviderChecks() {}

  /** The provider interface a provider implements. */
  public static Class<? extends Provider> kind(Provider provider) {
    if (provider instanceof EmbeddingBackendProvider) {
      return EmbeddingBackendProvider.class;
    }
    if (provider instanceof DenoiserProvider) {
      return DenoiserProvider.class;
    }
    if (provider instanceof RecommenderProvider) {
      return RecommenderProvider.class;
    }
    throw new AssertionError(provider.getClass().getName() + " implements no provider interface:"
        + " implement EmbeddingBackendProvider, DenoiserProvider or RecommenderProvider");
  }

  /**
   * The provider is declared both ways in the code it was loaded from: a line in
   * {@code META-INF/services/<interface>} (the class path) and {@code provides <interface> with
   * <class>} in a compiled {@code module-info} (the module path, as {@code bin/ddrm} loads
   * plugins); and {@link ServiceLoader} finds it by its name.
   */
  public static void declaredBothWays(Provider provider) {
    Class<? extends Provider> kind = kind(provider);
    String type = provider.getClass().getName();
    Path origin = origin(provider.getClass());
    String service = "META-INF/services/" + kind.getName();
    List<String> lines = serviceLines(origin, service);
    if (!lines.contains(type)) {
      throw new AssertionError("provider " + type + " is not listed in " + service + " of "
          + origin + (lines.isEmpty() ? " (no such file)" : " (it lists " + lines + ")")
          + ": add the line '" + type + "' to src/main/resources/" + service
          + ", so that the class path finds it");
    }
    Set<ModuleReference> modules = ModuleFinder.of(origin).findAll();
    Optional<ModuleDescriptor> descriptor = modules.stream().map(ModuleReference::descriptor)
        .filter(d -> !d.isAutomatic()).findFirst();
    if (descriptor.isEmpty()) {
      throw new AssertionError(origin + " has no module-info.class: add src/main/java/"
          + "module-info.java with 'requires org.ddrm.api;' and 'provides " + kind.getName()
          + " with " + type + ";', so that bin/ddrm's module path finds " + type);
    }
    boolean provides = descriptor.get().provides().stream().anyMatch(
        p -> p.service().equals(kind.getName()) && p.providers().contains(type));
    if (!provides) {
      throw new AssertionError("module " + descriptor.get().name() + " does not declare 'provides "
          + kind.getName() + " with " + type + ";' in its module-info.java: add it, so that"
          + " bin/ddrm's module path finds the provider");
    }
    foundByName(provider);
  }

  /** {@link ServiceLoader} finds exactly one provider of the kind with this name, of this class. */
  public static void foundByName(Provider provider) {
    Class<? extends Provider> kind = kind(provider);
    List<? extends Provider> named = ServiceLoader.load(kind).stream()
        .map(ServiceLoader.Provider::get).filter(p -> p.name().equals(provider.name())).toList();
    if (named.size() != 1 || named.get(0).getClass() != provider.getClass()) {
      throw new AssertionError("ServiceLoader.load(" + kind.getSimpleName() + ") finds "
          + (named.isEmpty() ? "no provider" : named.stream().map(p -> p.getClass().getName())
              .toList().toString()) + " named '" + provider.name() + "'; expected exactly "
          + provider.getClass().getName() + ": check the META-INF/services line and that no"
          + " other provider uses the name");
    }
  }

  /**
   * Every setting has a key relative to the provider's name, a description, and a default its
   * own rule accepts (an empty default means "must be set"); the framework's schema takes the
   * provider's defaults, and rejects an unknown key under the provider's name, naming the
   * nearest valid one.
   *
   * @param required values for settings without a usable default (full keys), else empty
   */
  public static void settingsDocumented(Provider provider, Map<String, String> required) {
    String name = provider.name();
    if (name == null || !name.matches("[a-z][a-z0-9_-]*")) {
      throw new AssertionError("provider name '" + name + "' of " + provider.getClass().getName()
          + ": use lower-case letters, digits, '-' and '_' (it is the settings prefix)");
    }
    if (provider.description() == null || provider.description().isBlank()) {
      throw new AssertionError(name + ": description() is blank; 'ddrm list' prints it");
    }
    Set<String> keys = new HashSet<>();
    for (SettingSpec spec : provider.settings()) {
      String key = spec.key();
      if (key.startsWith(name + ".")) {
        throw new AssertionError(name + ": setting '" + key + "' repeats the provider's name;"
            + " declare keys relative to it ('" + key.substring(name.length() + 1) + "')");
      }
      if (!keys.add(key)) {
        throw new AssertionError(name + ": setting '" + key + "' is declared twice");
      }
      if (spec.description() == null || spec.description().isBlank()) {
        throw new AssertionError(name + "." + key + " has no description: say what it sets and"
            + " its unit or accepted values ('ddrm list --settings' prints it)");
      }
      String value = spec.defaultValue();
      if (value != null && !value.isEmpty()) {
        spec.problem(value).ifPresent(problem -> {
          throw new AssertionError(name + "." + key + ": its default '" + value
              + "' breaks its own rule (" + problem + "): fix the default or the rule");
        });
      }
    }
    try {
      KitRun.resolve(required, 1, provider);
    } catch (ConfigException e) {
      throw new AssertionError(name + ": the framework refuses the provider's defaults: "
          + e.getMessage(), e);
    }
    String unknown = name + ".no_such_setting";
    try {
      KitRun.resolve(Map.of(unknown, "1"), 1, provider);
    } catch (ConfigException e) {
      return;
    }
    throw new AssertionError(name + ": the framework accepted the unknown key '" + unknown
        + "'; a provider's settings() must list exactly the keys it reads");
  }

  private static Path origin(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new AssertionError("cannot tell where " + type.getName() + " was loaded from", e);
    }
  }

  private static List<String> serviceLines(Path origin, String service) {
    try {
      if (Files.isDirectory(origin)) {
        Path file = origin.resolve(service);
        return Files.isRegularFile(file) ? lines(Files.readString(file)) : List.of();
      }
      try (JarFile jar = new JarFile(origin.toFile())) {
        ZipEntry entry = jar.getEntry(service);
        if (entry == null) {
          return List.of();
        }
        try (InputStream in = jar.getInputStream(entry)) {
          return lines(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(String text) {
    return text.lines().map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty()).toList();
  }
}
