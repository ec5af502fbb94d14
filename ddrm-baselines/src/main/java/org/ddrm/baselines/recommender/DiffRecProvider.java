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
import org.ddrm.api.nn.NoiseSchedule;

/** DiffRec (Wang et al. 2023): Gaussian diffusion over each user's interaction vector. */
public final class DiffRecProvider implements RecommenderProvider {
  private static final String NAME = "diffrec";
  private static final SettingSet KEYS = new SettingSet();
  private static final Setting<List<Integer>> DIMS = KEYS.add(Setting.integers(new SettingSpec(
      "dims", "200,600", "decoder widths of the denoiser MLP; the encoder mirrors them"
          + " (items+step_dim -> 600 -> 200 -> 600 -> items)").sizes()));
  private static final Setting<Activation> ACTIVATION = KEYS.add(Setting.choice(new SettingSpec(
      "activation", "tanh", "hidden activation: tanh, sigmoid or relu"), Activation.class));
  private static final Setting<Integer> STEP_DIM = KEYS.add(Setting.integer(new SettingSpec(
      "step_dim", "10", "width of the sinusoidal step embedding").atLeast(1)));
  private static final Setting<Double> DROPOUT = KEYS.add(Setting.number(new SettingSpec(
      "dropout", "0.5", "dropout on the noisy input row in training")
          .withRule(ValueRule.shareBelowOne())));
  private static final Setting<Integer> STEPS = KEYS.add(Setting.integer(new SettingSpec(
      "steps", "5", "diffusion steps T").atLeast(1)));
  private static final Setting<Double> NOISE_SCALE = KEYS.add(Setting.number(new SettingSpec(
      "noise_scale", "0.5", "noise scale of the linear-var schedule").positive()));
  private static final Setting<Double> NOISE_MIN = KEYS.add(Setting.number(new SettingSpec(
      "noise_min", "0.001", "smallest variance (before scaling)").positive()));
  private static final Setting<Double> NOISE_MAX = KEYS.add(Setting.number(new SettingSpec(
      "noise_max", "0.01", "largest variance (before scaling)").positive()));
  private static final Setting<Double> FIRST_BETA = KEYS.add(Setting.number(new SettingSpec(
      "first_beta", "0.00001", "value that replaces the first beta")
          .withRule(ValueRule.number(0, true, 1, true))));
  private static final Setting<Boolean> REWEIGHT = KEYS.add(Setting.flag(new SettingSpec(
      "reweight", "true", "weight step t's x_0 error by SNR(t-1) - SNR(t)")));
  private static final Setting<Integer> HISTORY = KEYS.add(Setting.integer(new SettingSpec(
      "history", "10", "losses kept per step for importance-sampled steps").atLeast(1)));
  private static final Setting<Double> UNIFORM_SHARE = KEYS.add(Setting.number(new SettingSpec(
      "uniform_share", "0.001", "share of uniform probability mixed into the importance-sampled"
          + " step distribution").probability()));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "diffusion recommender over interaction vectors (Wang et al. 2023)";
  }

  @Override
  public List<SettingSpec> settings() {
    return KEYS.specs();
  }

  @Override
  public TrainableModel build(ModelGraph graph, Settings settings, int batchSize) {
    int steps = STEPS.read(NAME, settings);
    double scale = NOISE_SCALE.read(NAME, settings);
    double min = NOISE_MIN.read(NAME, settings);
    double max = NOISE_MAX.read(NAME, settings);
    if (min > max) {
      throw NOISE_MIN.invalid(NAME, "a value <= diffrec.noise_max (" + max + ")", min);
    }
    if (scale * max >= 1) {
      throw NOISE_SCALE.invalid(NAME, "noise_scale * noise_max < 1", scale);
    }
    NoiseSchedule schedule = NoiseSchedule.linearVariance(steps, scale, min, max,
        FIRST_BETA.read(NAME, settings));
    return new DiffRecModel(graph, schedule, DIMS.read(NAME, settings),
        ACTIVATION.read(NAME, settings), STEP_DIM.read(NAME, settings),
        DROPOUT.read(NAME, settings), REWEIGHT.read(NAME, settings),
        new ImportanceStepSampler(steps, HISTORY.read(NAME, settings),
            UNIFORM_SHARE.read(NAME, settings)), batchSize);
  }
}
