package org.ddrm.baselines.denoise;

import java.util.ArrayList;
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
  @Override
  public String name() {
    return "deca";
  }

  @Override
  public String description() {
    return "DeCA (Wang et al. 2022): cross-model agreement with a prior and two noise models";
  }

  @Override
  public List<SettingSpec> settings() {
    return List.of(
        new SettingSpec("objective", "alternate",
            "alternate (DP at even steps, DN at odd ones), dp or dn")
                .oneOf("alternate", "dp", "dn"),
        new SettingSpec("c1", "1000", "DP's stand-in for -log 0 (weight of f on sampled negatives)")
            .positive(),
        new SettingSpec("c2", "1000", "DN's stand-in for -log 0 (weight of 1 - f on positives)")
            .positive(),
        new SettingSpec("alpha", "1.0",
            "weight of KL(prior || target) against KL(target || prior), in [0, 1]").probability(),
        new SettingSpec("prior", "mf",
            "the prior g: mf (an MF of size prior_dim, trained with the rest: DeCA) or pretrained"
                + " (the backend after its plain BPR stage, frozen; the backend then trains on"
                + " DeCA's loss from there: DeCA-p)").oneOf("mf", "pretrained"),
        new SettingSpec("prior_dim", "32", "embedding size of the MF prior model g").atLeast(1),
        new SettingSpec("noise_dim", "32", "embedding size of the noise models h1 and h2")
            .atLeast(1),
        new SettingSpec("init_std", "0.01",
            "standard deviation of the normal initial embeddings of g, h1 and h2").positive());
  }

  @Override
  public Denoiser build(ModelGraph graph, Settings settings, EmbeddingBackend backend,
      TripleBatch batch) {
    ProviderSettings s = new ProviderSettings(name(), settings);
    DecaObjective objective = s.choice("objective", DecaObjective.class);
    double c1 = s.atLeast("c1", 0);
    double c2 = s.atLeast("c2", 0);
    double alpha = s.number("alpha", 0, 1, false);
    int priorDim = s.positiveInt("prior_dim");
    int noiseDim = s.positiveInt("noise_dim");
    float initStd = (float) s.atLeast("init_std", 0);
    Ops tf = graph.tf().withSubScope("deca");
    IterationCounter counter = IterationCounter.register(graph, tf);
    boolean pretrained = s.choice("prior", DecaPrior.class) == DecaPrior.PRETRAINED;
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
