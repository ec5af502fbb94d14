package org.ddrm.baselines.recommender;

import java.util.List;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RecommenderProvider;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.ValueRule;
import org.ddrm.api.Settings;
import org.ddrm.api.TrainableModel;
import org.ddrm.baselines.settings.ProviderSettings;

/** Mult-VAE (Liang et al. 2018): a variational auto-encoder with a multinomial likelihood. */
public final class MultiVaeProvider implements RecommenderProvider {
  @Override
  public String name() {
    return "multivae";
  }

  @Override
  public String description() {
    return "variational auto-encoder, multinomial likelihood, KL annealing (Liang et al. 2018)";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(
        new SettingSpec("dims", "600,200", "encoder widths, the last one the latent size;"
            + " the decoder mirrors them").sizes(),
        new SettingSpec("activation", "tanh", "hidden activation: tanh, sigmoid or relu")
            .oneOf("tanh", "sigmoid", "relu"),
        new SettingSpec("dropout", "0.5", "dropout on the normalised input row in training")
            .withRule(ValueRule.shareBelowOne()),
        new SettingSpec("anneal_cap", "0.2", "largest weight of the KL term").nonNegative(),
        new SettingSpec("anneal_steps", "200000", "updates over which the KL weight would reach 1")
            .atLeast(1),
        new SettingSpec("reg", "0.0", "L2 weight on every weight matrix (sum of squares)")
            .nonNegative());
  }

  @Override
  public TrainableModel build(ModelGraph graph, Settings settings, int batchSize) {
    ProviderSettings checks = new ProviderSettings(name(), settings);
    return new MultiVaeModel(graph, checks.positiveInts("dims"), Activation.parse(checks.text("activation"), checks.fullKey("activation")),
        checks.rate("dropout"),
        new KlAnnealing(checks.nonNegative("anneal_cap"), checks.positiveInt("anneal_steps")),
        checks.nonNegative("reg"), batchSize);
  }
}
