package org.ddrm.baselines.denoise;

import java.util.List;
import org.ddrm.api.Denoiser;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.TripleBatch;
import org.ddrm.baselines.settings.ProviderSettings;
import org.tensorflow.op.Ops;

/**
 * The {@code rce} denoiser: the backend trained with R-CE's reweighted loss (see
 * {@link ReweightedLoss}), in one stage, scored by inner product.
 */
public final class ReweightedLossProvider implements DenoiserProvider {
  @Override
  public String name() {
    return "rce";
  }

  @Override
  public String description() {
    return "R-CE (Wang et al. 2021): weighs each loss by the model's detached probability^beta";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(
        new SettingSpec("form", "bpr",
            "loss that is reweighted: bpr (per triple) or bce (positives and sampled negatives)")
                .oneOf("bpr", "bce"),
        new SettingSpec("beta", "0.25", "exponent of the weight (0: plain loss)").nonNegative());
  }

  @Override
  public Denoiser build(ModelGraph graph, Settings settings, EmbeddingBackend backend,
      TripleBatch batch) {
    ProviderSettings s = new ProviderSettings(name(), settings);
    LossForm form = s.choice("form", LossForm.class);
    double beta = s.atLeast("beta", 0);
    Ops tf = graph.tf().withSubScope("rce");
    ReweightedLoss reweighted =
        new ReweightedLoss(tf, TripleScores.of(tf, backend, batch), form, beta);
    return new BackendScoredDenoiser(graph.tf(), backend,
        reweighted.loss(), List.of());
  }
}
