package org.ddrm.baselines.recommender;

import java.util.List;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RecommenderProvider;
import org.ddrm.api.Setting;
import org.ddrm.api.SettingSet;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.TrainableModel;
import org.ddrm.api.ValueRule;

/** Mult-VAE (Liang et al. 2018): a variational auto-encoder with a multinomial likelihood. */
public final class MultiVaeProvider implements RecommenderProvider {
  private static final String NAME = "multivae";
  private static final SettingSet KEYS = new SettingSet();
  private static final Setting<List<Integer>> DIMS = KEYS.add(Setting.integers(new SettingSpec(
      "dims", "600,200", "encoder widths, the last one the latent size; the decoder mirrors them")
          .sizes()));
  private static final Setting<Activation> ACTIVATION = KEYS.add(Setting.choice(new SettingSpec(
      "activation", "tanh", "hidden activation: tanh, sigmoid or relu"), Activation.class));
  private static final Setting<Double> DROPOUT = KEYS.add(Setting.number(new SettingSpec(
      "dropout", "0.5", "dropout on the normalised input row in training")
          .withRule(ValueRule.shareBelowOne())));
  private static final Setting<Double> ANNEAL_CAP = KEYS.add(Setting.number(new SettingSpec(
      "anneal_cap", "0.2", "largest weight of the KL term").nonNegative()));
  private static final Setting<Integer> ANNEAL_STEPS = KEYS.add(Setting.integer(new SettingSpec(
      "anneal_steps", "200000", "updates over which the KL weight would reach 1").atLeast(1)));
  private static final Setting<Double> REG = KEYS.add(Setting.number(new SettingSpec("reg", "0.0",
      "L2 weight on every weight matrix (sum of squares)").nonNegative()));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "variational auto-encoder, multinomial likelihood, KL annealing (Liang et al. 2018)";
  }

  @Override
  public List<SettingSpec> settings() {
    return KEYS.specs();
  }

  @Override
  public TrainableModel build(ModelGraph graph, Settings settings, int batchSize) {
    return new MultiVaeModel(graph, DIMS.read(NAME, settings), ACTIVATION.read(NAME, settings),
        DROPOUT.read(NAME, settings),
        new KlAnnealing(ANNEAL_CAP.read(NAME, settings), ANNEAL_STEPS.read(NAME, settings)),
        REG.read(NAME, settings), batchSize);
  }
}
