package org.ddrm.baselines.recommender;

import java.util.List;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RecommenderProvider;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.ValueRule;
import org.ddrm.api.Settings;
import org.ddrm.api.TrainableModel;
import org.ddrm.baselines.settings.ProviderSettings;

/** CDAE (Wu et al. 2016): a denoising auto-encoder of each user's row with a per-user node. */
public final class CdaeProvider implements RecommenderProvider {
  @Override
  public String name() {
    return "cdae";
  }

  @Override
  public String description() {
    return "collaborative denoising auto-encoder with a per-user input node (Wu et al. 2016)";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(
        new SettingSpec("dim", "64", "hidden layer width (and per-user node width)").atLeast(1),
        new SettingSpec("corruption", "0.5",
            "share of a user's train items dropped from the input")
                .withRule(ValueRule.shareBelowOne()),
        new SettingSpec("activation", "relu", "hidden activation: relu, sigmoid or tanh")
            .oneOf("relu", "sigmoid", "tanh"),
        new SettingSpec("reg", "0.0", "L2 weight: reg/2 times the squared norms of both weight"
            + " matrices and (per user, batch mean) of the batch's user nodes").nonNegative());
  }

  @Override
  public TrainableModel build(ModelGraph graph, Settings settings, int batchSize) {
    ProviderSettings checks = new ProviderSettings(name(), settings);
    return new CdaeModel(graph, checks.positiveInt("dim"), checks.rate("corruption"),
        Activation.parse(checks.text("activation"), checks.fullKey("activation")), checks.nonNegative("reg"), batchSize);
  }
}
