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

/** CDAE (Wu et al. 2016): a denoising auto-encoder of each user's row with a per-user node. */
public final class CdaeProvider implements RecommenderProvider {
  private static final String NAME = "cdae";
  private static final SettingSet KEYS = new SettingSet();
  private static final Setting<Integer> DIM = KEYS.add(Setting.integer(new SettingSpec("dim", "64",
      "hidden layer width (and per-user node width)").atLeast(1)));
  private static final Setting<Double> CORRUPTION = KEYS.add(Setting.number(new SettingSpec(
      "corruption", "0.5", "share of a user's train items dropped from the input")
          .withRule(ValueRule.shareBelowOne())));
  private static final Setting<Activation> ACTIVATION = KEYS.add(Setting.choice(new SettingSpec(
      "activation", "relu", "hidden activation: relu, sigmoid or tanh"), Activation.class));
  private static final Setting<Double> REG = KEYS.add(Setting.number(new SettingSpec("reg", "0.0",
      "L2 weight: reg/2 times the squared norms of both weight matrices and (per user, batch"
          + " mean) of the batch's user nodes").nonNegative()));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "collaborative denoising auto-encoder with a per-user input node (Wu et al. 2016)";
  }

  @Override
  public List<SettingSpec> settings() {
    return KEYS.specs();
  }

  @Override
  public TrainableModel build(ModelGraph graph, Settings settings, int batchSize) {
    return new CdaeModel(graph, DIM.read(NAME, settings), CORRUPTION.read(NAME, settings),
        ACTIVATION.read(NAME, settings), REG.read(NAME, settings), batchSize);
  }
}
