package org.ddrm.backend.lightgcn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.graph.Pooling;

/**
 * The validated settings of a LightGCN encoder. Providers that build on it (LightGCN, SGL)
 * declare {@link #SPECS} under their own name.
 *
 * @param dim embedding width
 * @param layers propagation layers L
 * @param pooling pooling over layers 0..L
 * @param reg L2 weight on the batch's layer-0 embeddings
 * @param initStd standard deviation of the normal initial layer-0 embeddings
 */
public record LightGcnSettings(int dim, int layers, Pooling pooling, double reg, double initStd) {
  /** Every key with its default (LightGCN's reference values on ML-1M). */
  public static final List<SettingSpec> SPECS = List.of(
      new SettingSpec("dim", "64", "embedding size").atLeast(1),
      new SettingSpec("layers", "3", "propagation layers L").atLeast(0),
      new SettingSpec("pooling", "mean",
          "pooling over layers 0..L: mean, normalized_sum (layer 0 plus every"
          + " propagated layer, rows L2-normalised and fed on normalised) or sum")
              .oneOf("mean", "normalized_sum", "sum"),
      new SettingSpec("reg", "0.0001",
          "L2 weight on the batch's layer-0 user, positive and negative embeddings").nonNegative(),
      new SettingSpec("init_std", "0.1", "standard deviation of the normal initial embeddings")
          .positive());

  /**
   * Reads the settings of a provider-scoped view; errors name {@code provider.key}.
   *
   * @param provider the provider's name, used in error messages
   */
  public static LightGcnSettings from(String provider, Settings settings) {
    LightGcnSettings parsed = new LightGcnSettings(settings.getInt("dim"),
        settings.getInt("layers"), pooling(provider, settings.getString("pooling")),
        settings.getDouble("reg"), settings.getDouble("init_std"));
    require(parsed.dim >= 1, provider, "dim", "must be at least 1, got " + parsed.dim);
    require(parsed.layers >= 0, provider, "layers", "must not be negative, got " + parsed.layers);
    require(parsed.reg >= 0, provider, "reg", "must not be negative, got " + parsed.reg);
    require(parsed.initStd > 0, provider, "init_std", "must be positive, got " + parsed.initStd);
    return parsed;
  }

  private static Pooling pooling(String provider, String value) {
    String wanted = value.trim().toUpperCase(Locale.ROOT);
    List<String> names = new ArrayList<>();
    for (Pooling p : Pooling.values()) {
      if (p.name().equals(wanted)) {
        return p;
      }
      names.add(p.name().toLowerCase(Locale.ROOT));
    }
    throw new IllegalArgumentException(provider + ".pooling: expected one of "
        + String.join(", ", names) + ", got '" + value + "'");
  }

  private static void require(boolean condition, String provider, String key, String message) {
    if (!condition) {
      throw new IllegalArgumentException(provider + "." + key + ": " + message);
    }
  }
}
