package org.ddrm.eval.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.Optional;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.Provider;
import org.ddrm.api.RecommenderProvider;
import org.ddrm.core.config.ConfigException;
import org.ddrm.core.config.ConfigLoader;
import org.ddrm.core.config.FrameworkSettings;
import org.ddrm.core.config.MapSettings;
import org.ddrm.core.config.SettingsSchema;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.core.train.SeedPolicy;

/**
 * A run's validated settings: the framework's keys and those of the providers the run names,
 * defaults filled in, unknown keys rejected.
 *
 * @param source the config file (or "command line")
 * @param name the run's name (the config file's base name)
 * @param settings the resolved settings
 * @param providers the providers the run uses, in stage order
 */
public record RunConfig(String source, String name, MapSettings settings, List<Provider> providers) {

  /** Reads, overrides and validates a config file against the registry's providers. */
  public static RunConfig load(Path file, List<String> overrides, ProviderRegistry registry) {
    return resolve(ConfigLoader.load(file, overrides), baseName(file), registry);
  }

  /** Validates settings given only as key=value overrides. */
  public static RunConfig fromOverrides(String name, List<String> overrides,
      ProviderRegistry registry) {
    return resolve(ConfigLoader.fromOverrides(overrides), name, registry);
  }

  private static RunConfig resolve(ConfigLoader.RawConfig raw, String name,
      ProviderRegistry registry) {
    Map<String, String> values = raw.values();
    String backend = values.getOrDefault("backend", "").trim();
    String recommender = values.getOrDefault("recommender", "").trim();
    if (backend.isEmpty() == recommender.isEmpty()) {
      throw new ConfigException(raw.source() + ": set exactly one of 'backend' (with an optional"
          + " 'denoiser') or 'recommender'");
    }
    List<Provider> providers = new ArrayList<>();
    if (!backend.isEmpty()) {
      providers.add(registry.backend(backend));
      providers.add(registry.denoiser(values.getOrDefault("denoiser", "none").trim()));
    } else {
      // 'none' is the recorded default (config.properties of a recommender run holds it).
      if (!values.getOrDefault("denoiser", "none").trim().equals("none")) {
        throw new ConfigException(raw.source() + ": 'denoiser' applies to a backend, not to the"
            + " stand-alone recommender '" + recommender + "'");
      }
      providers.add(registry.recommender(recommender));
    }
    SettingsSchema schema = new SettingsSchema().add("", FrameworkSettings.all());
    providers.forEach(p -> schema.add(p.name(), p.settings()));
    return new RunConfig(raw.source(), name, schema.validate(raw), List.copyOf(providers));
  }

  private static String baseName(Path file) {
    String fileName = file.getFileName().toString();
    int dot = fileName.lastIndexOf('.');
    return dot > 0 ? fileName.substring(0, dot) : fileName;
  }

  /** How the run's seed drives its op seeds and Java-side sampling. */
  public SeedPolicy seeds() {
    return SeedPolicy.of(settings);
  }

  /** The embedding backend, when the run trains a backend with a denoiser. */
  public Optional<EmbeddingBackendProvider> backend() {
    return role(EmbeddingBackendProvider.class);
  }

  /** The denoiser on the backend ({@code none} unless the config names one). */
  public Optional<DenoiserProvider> denoiser() {
    return role(DenoiserProvider.class);
  }

  /** The stand-alone recommender, when the run has one instead of a backend. */
  public Optional<RecommenderProvider> recommender() {
    return role(RecommenderProvider.class);
  }

  private <P extends Provider> Optional<P> role(Class<P> kind) {
    return providers.stream().filter(kind::isInstance).map(kind::cast).findFirst();
  }

  /** The first line of {@link #toProperties()}: the run's name and its original config file. */
  static final Pattern HEADER = Pattern.compile("# resolved settings of run '(.*)' from (.*)");

  /** The resolved settings as a properties file, headed by the run's name and source. */
  public String toProperties() {
    StringBuilder out = new StringBuilder("# resolved settings of run '" + name + "' from "
        + source + "\n");
    settings.asMap().forEach((k, v) -> out.append(k).append(" = ").append(v).append("\n"));
    return out.toString();
  }
}
