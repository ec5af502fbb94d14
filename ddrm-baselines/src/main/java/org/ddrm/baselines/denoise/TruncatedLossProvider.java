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
import org.ddrm.api.ValueRule;
import org.tensorflow.op.Ops;

/**
 * The {@code tce} denoiser: the backend trained with T-CE's truncated loss (see
 * {@link TruncatedLoss}), in one stage, scored by inner product.
 */
public final class TruncatedLossProvider implements DenoiserProvider {
  private static final String NAME = "tce";
  private static final SettingSet KEYS = new SettingSet();
  private static final Setting<LossForm> FORM = KEYS.add(Setting.choice(new SettingSpec("form",
      "bpr", "loss that is truncated: bpr (per triple) or bce (per positive, with the sampled"
          + " negatives)"), LossForm.class));
  private static final Setting<Double> DROP_RATE = KEYS.add(Setting.number(new SettingSpec(
      "drop_rate", "0.2", "final share of a batch's positives left out, in [0, 1)")
          .withRule(ValueRule.shareBelowOne())));
  private static final Setting<Integer> RAMP_ITERATIONS = KEYS.add(Setting.integer(
      new SettingSpec("ramp_iterations", "30000",
          "training steps over which the share rises linearly from 0 to drop_rate").atLeast(1)));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "T-CE (Wang et al. 2021): drops the largest-loss positives, a share rising linearly";
  }

  @Override
  public List<SettingSpec> settings() {
    return KEYS.specs();
  }

  @Override
  public Denoiser build(ModelGraph graph, Settings settings, EmbeddingBackend backend,
      TripleBatch batch) {
    LossForm form = FORM.read(NAME, settings);
    double dropRate = DROP_RATE.read(NAME, settings);
    int ramp = RAMP_ITERATIONS.read(NAME, settings);
    Ops tf = graph.tf().withSubScope("tce");
    IterationCounter counter = IterationCounter.register(graph, tf);
    TruncatedLoss truncated = new TruncatedLoss(tf, TripleScores.of(tf, backend, batch), form,
        counter.iteration(), dropRate, ramp);
    return new BackendScoredDenoiser(graph.tf(), backend,
        truncated.loss(), List.of());
  }
}
