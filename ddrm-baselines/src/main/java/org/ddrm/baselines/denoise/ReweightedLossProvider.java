package org.ddrm.baselines.denoise;

import java.util.List;
import org.ddrm.api.Denoiser;
import org.ddrm.api.DenoiserProvider;
import org.ddrm.api.EmbeddingBackend;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.Setting;
import org.ddrm.api.SettingSet;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.TripleBatch;
import org.tensorflow.op.Ops;

/**
 * The {@code rce} denoiser: the backend trained with R-CE's reweighted loss (see
 * {@link ReweightedLoss}), in one stage, scored by inner product.
 */
public final class ReweightedLossProvider implements DenoiserProvider {
  private static final String NAME = "rce";
  private static final SettingSet KEYS = new SettingSet();
  private static final Setting<LossForm> FORM = KEYS.add(Setting.choice(new SettingSpec("form",
      "bpr", "loss that is reweighted: bpr (per triple) or bce (positives and sampled negatives)"),
      LossForm.class));
  private static final Setting<Double> BETA = KEYS.add(Setting.number(new SettingSpec("beta",
      "0.25", "exponent of the weight (0: plain loss)").nonNegative()));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "R-CE (Wang et al. 2021): weighs each loss by the model's detached probability^beta";
  }

  @Override
  public List<SettingSpec> settings() {
    return KEYS.specs();
  }

  @Override
  public Denoiser build(ModelGraph graph, Settings settings, EmbeddingBackend backend,
      TripleBatch batch) {
    LossForm form = FORM.read(NAME, settings);
    double beta = BETA.read(NAME, settings);
    Ops tf = graph.tf().withSubScope("rce");
    ReweightedLoss reweighted =
        new ReweightedLoss(tf, TripleScores.of(tf, backend, batch), form, beta);
    return new BackendScoredDenoiser(graph.tf(), backend,
        reweighted.loss(), List.of());
  }
}
