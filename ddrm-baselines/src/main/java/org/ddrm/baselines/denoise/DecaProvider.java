package org.ddrm.baselines.denoise;

import java.util.ArrayList;
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
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The {@code deca} denoiser: the backend (DeCA's target model) trained together with a prior
 * model and two noise models on DeCA's loss (see {@link DecaLoss}), in one stage with one Adam,
 * scored by the backend's inner products. With {@code prior = pretrained} (DeCA-p) the backend
 * first trains with plain BPR in a stage of its own (shared through the backend cache), a frozen
 * copy of it becomes the prior ({@link PretrainedPrior}) and the backend goes on training on
 * DeCA's loss with the noise models. Defaults are the authors' configuration for GMF on
 * ML-100k (C1 = C2 = 1000, alpha = 1) with their model sizes; their command-line default
 * C2 = 10 let DP's C1 term push every prediction of an MF backend to 0 (see the ML-1M configs'
 * README).
 */
public final class DecaProvider implements DenoiserProvider {
  private static final String NAME = "deca";
  private static final SettingSet KEYS = new SettingSet();
  private static final Setting<DecaObjective> OBJECTIVE = KEYS.add(Setting.choice(
      new SettingSpec("objective", "alternate",
          "alternate (DP at even steps, DN at odd ones), dp or dn"), DecaObjective.class));
  private static final Setting<Double> C1 = KEYS.add(Setting.number(new SettingSpec("c1", "1000",
      "DP's stand-in for -log 0 (weight of f on sampled negatives)").positive()));
  private static final Setting<Double> C2 = KEYS.add(Setting.number(new SettingSpec("c2", "1000",
      "DN's stand-in for -log 0 (weight of 1 - f on positives)").positive()));
  private static final Setting<Double> ALPHA = KEYS.add(Setting.number(new SettingSpec("alpha",
      "1.0", "weight of KL(prior || target) against KL(target || prior), in [0, 1]")
          .probability()));
  private static final Setting<DecaPrior> PRIOR = KEYS.add(Setting.choice(new SettingSpec(
      "prior", "mf", "the prior g: mf (an MF of size prior_dim, trained with the rest: DeCA) or"
          + " pretrained (the backend after its plain BPR stage, frozen; the backend then trains"
          + " on DeCA's loss from there: DeCA-p)"), DecaPrior.class));
  private static final Setting<Integer> PRIOR_DIM = KEYS.add(Setting.integer(new SettingSpec(
      "prior_dim", "32", "embedding size of the MF prior model g").atLeast(1)));
  private static final Setting<Integer> NOISE_DIM = KEYS.add(Setting.integer(new SettingSpec(
      "noise_dim", "32", "embedding size of the noise models h1 and h2").atLeast(1)));
  private static final Setting<Double> INIT_STD = KEYS.add(Setting.number(new SettingSpec(
      "init_std", "0.01", "standard deviation of the normal initial embeddings of g, h1 and h2")
          .positive()));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "DeCA (Wang et al. 2022): cross-model agreement with a prior and two noise models";
  }

  @Override
  public List<SettingSpec> settings() {
    return KEYS.specs();
  }

  @Override
  public Denoiser build(ModelGraph graph, Settings settings, EmbeddingBackend backend,
      TripleBatch batch) {
    DecaObjective objective = OBJECTIVE.read(NAME, settings);
    double c1 = C1.read(NAME, settings);
    double c2 = C2.read(NAME, settings);
    double alpha = ALPHA.read(NAME, settings);
    int priorDim = PRIOR_DIM.read(NAME, settings);
    int noiseDim = NOISE_DIM.read(NAME, settings);
    float initStd = INIT_STD.read(NAME, settings).floatValue();
    Ops tf = graph.tf().withSubScope("deca");
    IterationCounter counter = IterationCounter.register(graph, tf);
    boolean pretrained = PRIOR.read(NAME, settings) == DecaPrior.PRETRAINED;
    DecaModels models;
    if (pretrained) {
      PretrainedPrior frozen = new PretrainedPrior(tf, backend, graph.dataset().numUsers(),
          graph.dataset().numItems());
      graph.addTrainingHook(frozen);
      models = DecaModels.build(graph, tf, objective, frozen, noiseDim, initStd);
    } else {
      models = DecaModels.build(graph, tf, objective, priorDim, noiseDim, initStd);
    }
    DecaLoss deca = new DecaLoss(tf, batch, TripleScores.of(tf, backend, batch),
        counter.iteration(), objective, models, alpha, c1, c2);
    List<Variable<TFloat32>> variables = new ArrayList<>(models.variables());
    if (pretrained) {
      variables.addAll(backend.variables());
    }
    return new BackendScoredDenoiser(graph.tf(), backend,
        deca.loss(), variables,
        pretrained);
  }
}
