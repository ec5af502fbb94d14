package org.ddrm.baselines.denoise;

import java.util.List;
import org.ddrm.api.Denoiser;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.ValueRule;
import org.ddrm.api.Settings;
import org.ddrm.api.TripleBatch;
import org.ddrm.baselines.settings.ProviderSettings;
import org.tensorflow.op.Ops;

/**
 * The {@code tce} denoiser: the backend trained with T-CE's truncated loss (see
 * {@link TruncatedLoss}), in one stage, scored by inner product.
 */
public final class TruncatedLossProvider implements DenoiserProvider {
  @Override
  public String name() {
    return "tce";
  }

  @Override
  public String description() {
    return "T-CE (Wang et al. 2021): drops the largest-loss positives, a share rising linearly";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(
        new SettingSpec("form", "bpr",
            "loss that is truncated: bpr (per triple) or bce (per positive, with the sampled negatives)")
                .oneOf("bpr", "bce"),
        new SettingSpec("drop_rate", "0.2", "final share of a batch's positives left out, in [0, 1)")
            .withRule(ValueRule.shareBelowOne()),
        new SettingSpec("ramp_iterations", "30000",
            "training steps over which the share rises linearly from 0 to drop_rate").atLeast(1));
  }

  @Override
  public Denoiser build(ModelGraph graph, Settings settings, EmbeddingBackend backend,
      TripleBatch batch) {
    ProviderSettings s = new ProviderSettings(name(), settings);
    LossForm form = s.choice("form", LossForm.class);
    double dropRate = s.number("drop_rate", 0, 1, true);
    int ramp = s.positiveInt("ramp_iterations");
    Ops tf = graph.tf().withSubScope("tce");
    IterationCounter counter = IterationCounter.register(graph, tf);
    TruncatedLoss truncated = new TruncatedLoss(tf, TripleScores.of(tf, backend, batch), form,
        counter.iteration(), dropRate, ramp);
    return new BackendScoredDenoiser(graph.tf(), backend,
        truncated.loss(), List.of());
  }
}
