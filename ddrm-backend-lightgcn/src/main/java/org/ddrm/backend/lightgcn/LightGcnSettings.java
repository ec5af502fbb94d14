package org.ddrm.backend.lightgcn;

import java.util.List;
import org.ddrm.api.Setting;
import org.ddrm.api.SettingSet;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.graph.Pooling;

/**
 * The validated settings of a LightGCN encoder. Providers that build on it (LightGCN, SGL)
 * declare {@link #KEYS} under their own name.
 *
 * @param dim embedding width
 * @param layers propagation layers L
 * @param pooling pooling over layers 0..L
 * @param reg L2 weight on the batch's layer-0 embeddings
 * @param initStd standard deviation of the normal initial layer-0 embeddings
 */
public record LightGcnSettings(int dim, int layers, Pooling pooling, double reg, double initStd) {
  /** Every key with its default (LightGCN's reference values on ML-1M). */
  public static final SettingSet KEYS = new SettingSet();
  static final Setting<Integer> DIM =
      KEYS.add(Setting.integer(new SettingSpec("dim", "64", "embedding size").atLeast(1)));
  static final Setting<Integer> LAYERS =
      KEYS.add(Setting.integer(new SettingSpec("layers", "3", "propagation layers L").atLeast(0)));
  static final Setting<Pooling> POOLING = KEYS.add(Setting.choice(new SettingSpec("pooling",
      "mean", "pooling over layers 0..L: mean, normalized_sum (layer 0 plus every"
          + " propagated layer, rows L2-normalised and fed on normalised) or sum"),
      Pooling.class));
  static final Setting<Double> REG = KEYS.add(Setting.number(new SettingSpec("reg", "0.0001",
      "L2 weight on the batch's layer-0 user, positive and negative embeddings").nonNegative()));
  static final Setting<Double> INIT_STD = KEYS.add(Setting.number(new SettingSpec("init_std",
      "0.1", "standard deviation of the normal initial embeddings").positive()));
  /** The specs of {@link #KEYS}. */
  public static final List<SettingSpec> SPECS = KEYS.specs();

  /**
   * Reads the settings of a provider-scoped view; errors name {@code provider.key}.
   *
   * @param provider the provider's name, used in error messages
   */
  public static LightGcnSettings from(String provider, Settings settings) {
    return new LightGcnSettings(DIM.read(provider, settings), LAYERS.read(provider, settings),
        POOLING.read(provider, settings), REG.read(provider, settings),
        INIT_STD.read(provider, settings));
  }
}
