package org.ddrm.core.plugin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.api.EmbeddingBackendProvider;
import org.ddrm.api.Provider;
import org.ddrm.api.RecommenderProvider;

/**
 * Every provider found with {@link ServiceLoader} on the module path (or, for jars on the class
 * path, through {@code META-INF/services}). Names are unique across all three kinds, since a
 * provider's name is also its settings prefix; a second provider with a taken name is an error
 * naming both modules.
 */
public final class ProviderRegistry {
  private final Map<String, Provider> byName = new LinkedHashMap<>();

  private ProviderRegistry() {}

  /** Discovers the providers visible to this module's class loader. */
  public static ProviderRegistry discover() {
    return discover(ProviderRegistry.class.getClassLoader());
  }

  /** Discovers the providers visible to the given class loader. */
  public static ProviderRegistry discover(ClassLoader loader) {
    ProviderRegistry registry = new ProviderRegistry();
    ServiceLoader.load(EmbeddingBackendProvider.class, loader).forEach(registry::register);
    ServiceLoader.load(DenoiserProvider.class, loader).forEach(registry::register);
    ServiceLoader.load(RecommenderProvider.class, loader).forEach(registry::register);
    return registry;
  }

  /** Builds a registry from explicit providers (tests, embedding applications). */
  public static ProviderRegistry of(List<? extends Provider> providers) {
    ProviderRegistry registry = new ProviderRegistry();
    providers.forEach(registry::register);
    return registry;
  }

  private void register(Provider provider) {
    Provider previous = byName.putIfAbsent(provider.name(), provider);
    if (previous != null && previous.getClass() != provider.getClass()) {
      throw new ProviderException(
          "two providers are named '" + provider.name() + "': " + describe(previous) + " and "
              + describe(provider) + "; remove one of the jars from the module path");
    }
  }

  public EmbeddingBackendProvider backend(String name) {
    return find(name, EmbeddingBackendProvider.class, "embedding backend");
  }

  public DenoiserProvider denoiser(String name) {
    return find(name, DenoiserProvider.class, "denoiser");
  }

  public RecommenderProvider recommender(String name) {
    return find(name, RecommenderProvider.class, "recommender");
  }

  /** Every provider, sorted by kind and name. */
  public List<Provider> all() {
    List<Provider> list = new ArrayList<>(byName.values());
    list.sort(Comparator.comparing(ProviderRegistry::kind).thenComparing(Provider::name));
    return Collections.unmodifiableList(list);
  }

  /** "backend", "denoiser" or "recommender". */
  public static String kind(Provider provider) {
    if (provider instanceof EmbeddingBackendProvider) {
      return "backend";
    }
    if (provider instanceof DenoiserProvider) {
      return "denoiser";
    }
    return "recommender";
  }

  /** The provider's module name (or "unnamed module" on the class path) and version. */
  public static String describe(Provider provider) {
    Module module = provider.getClass().getModule();
    String name = module.isNamed() ? module.getName() : "class path";
    String version =
        module.getDescriptor() != null && module.getDescriptor().rawVersion().isPresent()
            ? module.getDescriptor().rawVersion().get()
            : String.valueOf(provider.getClass().getPackage().getImplementationVersion());
    return provider.getClass().getName() + " (" + name + ", version " + version + ")";
  }

  private <T extends Provider> T find(String name, Class<T> type, String kind) {
    Provider provider = byName.get(name);
    if (type.isInstance(provider)) {
      return type.cast(provider);
    }
    List<String> sameKind =
        byName.values().stream().filter(type::isInstance).map(Provider::name).sorted().toList();
    LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
    String hint =
        sameKind.stream()
            .min(Comparator.comparingInt(n -> distance.apply(n, name)))
            .map(n -> "; did you mean '" + n + "'?")
            .orElse("");
    throw new ProviderException(
        "no " + kind + " provider named '" + name + "'" + hint + " (available: " + sameKind + ")");
  }
}
