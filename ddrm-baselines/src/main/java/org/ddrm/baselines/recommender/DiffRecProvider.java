package org.ddrm.baselines.recommender;

import java.util.List;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RecommenderProvider;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.ValueRule;
import org.ddrm.api.Settings;
import org.ddrm.api.TrainableModel;
import org.ddrm.api.nn.NoiseSchedule;
import org.ddrm.baselines.settings.ProviderSettings;

/** DiffRec (Wang et al. 2023): Gaussian diffusion over each user's interaction vector. */
public final class DiffRecProvider implements RecommenderProvider {
  @Override
  public String name() {
    return "diffrec";
  }

  @Override
  public String description() {
    return "diffusion recommender over interaction vectors (Wang et al. 2023)";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(
        new SettingSpec("dims", "200,600", "decoder widths of the denoiser MLP; the encoder"
            + " mirrors them (items+step_dim -> 600 -> 200 -> 600 -> items)").sizes(),
        new SettingSpec("activation", "tanh", "hidden activation: tanh, sigmoid or relu")
            .oneOf("tanh", "sigmoid", "relu"),
        new SettingSpec("step_dim", "10", "width of the sinusoidal step embedding").atLeast(1),
        new SettingSpec("dropout", "0.5", "dropout on the noisy input row in training")
            .withRule(ValueRule.shareBelowOne()),
        new SettingSpec("steps", "5", "diffusion steps T").atLeast(1),
        new SettingSpec("noise_scale", "0.5", "noise scale of the linear-var schedule").positive(),
        new SettingSpec("noise_min", "0.001", "smallest variance (before scaling)").positive(),
        new SettingSpec("noise_max", "0.01", "largest variance (before scaling)").positive(),
        new SettingSpec("first_beta", "0.00001", "value that replaces the first beta").positive(),
        new SettingSpec("reweight", "true", "weight step t's x_0 error by SNR(t-1) - SNR(t)")
            .flag(),
        new SettingSpec("history", "10", "losses kept per step for importance-sampled steps")
            .atLeast(1),
        new SettingSpec("uniform_share", "0.001", "share of uniform probability mixed into the"
            + " importance-sampled step distribution").probability());
  }

  @Override
  public TrainableModel build(ModelGraph graph, Settings settings, int batchSize) {
    ProviderSettings checks = new ProviderSettings(name(), settings);
    int steps = checks.positiveInt("steps");
    double scale = checks.positive("noise_scale");
    double min = checks.positive("noise_min");
    double max = checks.positive("noise_max");
    if (min > max) {
      throw checks.invalid("noise_min", "a value <= diffrec.noise_max (" + max + ")",
          String.valueOf(min));
    }
    if (scale * max >= 1) {
      throw checks.invalid("noise_scale", "noise_scale * noise_max < 1", String.valueOf(scale));
    }
    double firstBeta = checks.positive("first_beta");
    if (firstBeta >= 1) {
      throw checks.invalid("first_beta", "a value in (0, 1)", String.valueOf(firstBeta));
    }
    double uniformShare = settings.getDouble("uniform_share");
    if (!(uniformShare >= 0 && uniformShare <= 1)) {
      throw checks.invalid("uniform_share", "a value in [0, 1]", String.valueOf(uniformShare));
    }
    NoiseSchedule schedule = NoiseSchedule.linearVariance(steps, scale, min, max, firstBeta);
    return new DiffRecModel(graph, schedule, checks.positiveInts("dims"),
        Activation.parse(checks.text("activation"), checks.fullKey("activation")), checks.positiveInt("step_dim"), checks.rate("dropout"),
        settings.getBoolean("reweight"),
        new ImportanceStepSampler(steps, checks.positiveInt("history"), uniformShare), batchSize);
  }
}
