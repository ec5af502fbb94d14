package org.ddrm.core.config;

import java.util.ArrayList;
import java.util.List;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.ValueRule;
import org.ddrm.core.data.SyntheticDataSpec;
import org.ddrm.core.train.AdamOptimizer;
import org.ddrm.core.train.TfRuntime;

/** The framework's own settings (not a provider's), with their defaults. */
public final class FrameworkSettings {
  /** Settings of a training stage; read under {@code train.} (first stage) and {@code denoise.}. */
  public static final List<SettingSpec> STAGE =
      List.of(
          new SettingSpec("epochs", "1000", "maximum number of epochs").atLeast(1),
          new SettingSpec("batch_size", "2048", "training examples per step").atLeast(1),
          new SettingSpec("lr", "0.001", "Adam learning rate").positive(),
          new SettingSpec("optimizer", "adam", "adam (every row of every variable, every step:"
              + " the reference's and the paper configs' choice) or lazy_adam (an embedding"
              + " table's moments and values move only in the rows a step gathers)")
              .oneOf(AdamOptimizer.Kind.NAMES.toArray(String[]::new)),
          new SettingSpec("eval_every", "5", "validate every this many epochs (0: never)")
              .atLeast(0),
          new SettingSpec("patience", "6", "stop after this many validations without improvement")
              .atLeast(1),
          new SettingSpec("min_epochs", "30", "never stop early before this epoch").atLeast(0),
          new SettingSpec("select_metric", "recall@10", "validation metric that selects the checkpoint"));

  /**
   * The denoiser stage's early-stopping miss rule. Only that stage has one: every {@code train.*}
   * key is part of the backend cache's key, and the backend rows keep the first rule.
   */
  public static final String COUNT_MISSES = "denoise.count_misses";

  private FrameworkSettings() {}

  /** Every framework key with its default. */
  public static List<SettingSpec> all() {
    List<SettingSpec> specs = new ArrayList<>();
    specs.add(new SettingSpec("seed", "2024", "seed of Java-side sampling and of every TF op")
        .withRule(ValueRule.integerAtLeast(Long.MIN_VALUE)));
    specs.add(new SettingSpec("data.path", "synthetic",
        "split directory (train/valid/test files) or 'synthetic' for the embedded data set"));
    SyntheticDataSpec synthetic = SyntheticDataSpec.defaults();
    specs.add(new SettingSpec("data.synthetic.users", String.valueOf(synthetic.numUsers()),
        "synthetic data: number of users").atLeast(2));
    specs.add(new SettingSpec("data.synthetic.items", String.valueOf(synthetic.numItems()),
        "synthetic data: number of items").atLeast(2));
    specs.add(new SettingSpec("data.synthetic.noise_ratio", String.valueOf(synthetic.noiseRatio()),
        "synthetic data: share of train/valid pairs that are planted false positives")
        .withRule(ValueRule.shareBelowOne()));
    specs.add(new SettingSpec("data.synthetic.seed", String.valueOf(synthetic.seed()),
        "synthetic data: generator seed (kept apart from the run's seed)")
        .withRule(ValueRule.integerAtLeast(Long.MIN_VALUE)));
    specs.add(new SettingSpec("data.inject_noise_ratio", "0",
        "random-noise setting: share of train and valid made of planted random unobserved pairs"
            + " (test untouched; 0: none)").withRule(ValueRule.shareBelowOne()));
    specs.add(new SettingSpec("data.inject_noise_seed", "7",
        "seed of the planted random pairs (kept apart from the run's seed)")
        .withRule(ValueRule.integerAtLeast(Long.MIN_VALUE)));
    specs.add(new SettingSpec("backend", "", "embedding backend provider (mf, lightgcn, sgl)"));
    specs.add(new SettingSpec("denoiser", "none", "denoiser provider on the backend (none, ddrm, ...)"));
    specs.add(new SettingSpec("recommender", "",
        "stand-alone recommender provider, instead of backend + denoiser"));
    for (SettingSpec s : STAGE) {
      specs.add(new SettingSpec("train." + s.key(), s.defaultValue(), "first stage: " + s.description(),
          s.rule()));
      specs.add(new SettingSpec("denoise." + s.key(), s.defaultValue(),
          "frozen-backend denoiser stage: " + s.description(), s.rule()));
    }
    specs.add(new SettingSpec(COUNT_MISSES, "always",
        "frozen-backend denoiser stage: which validations without improvement count towards"
            + " patience: always (from the first validation) or after_min_epochs (only those after"
            + " denoise.min_epochs, the DDRM reference's rule); an improvement resets the count")
        .oneOf("always", "after_min_epochs"));
    specs.add(new SettingSpec("denoise.seed", "",
        "seed of the frozen-backend denoiser stage's ops and sampling (empty: the run's seed);"
            + " denoisers of several seeds then share one cached backend")
        .withRule(ValueRule.integerAtLeast(Long.MIN_VALUE)));
    specs.add(new SettingSpec("cache.dir", "runs/backend-cache",
        "where trained backends are kept, keyed by backend settings, seed and data hash"));
    specs.add(new SettingSpec("cache.enabled", "true",
        "reuse a cached backend for frozen-backend denoisers (DDRM) instead of retraining it")
        .flag());
    specs.add(new SettingSpec("eval.ks", "10,20,50,100", "cut-offs of the ranking metrics")
        .sizes());
    specs.add(new SettingSpec("eval.batch_size", "1024", "users per full-ranking evaluation batch")
        .atLeast(1));
    specs.add(new SettingSpec("eval.export_topk", "0", "write each user's top K items of the final"
        + " model (train items masked) to topk.tsv.gz in the run directory (0: none)").atLeast(0));
    specs.add(new SettingSpec("export.embeddings", "false", "write the final user and item tables"
        + " (and a denoiser's generated user vectors) as .npy files in the run directory").flag());
    specs.add(new SettingSpec("profile.steps", "0", "training steps per epoch traced op by op into"
        + " op-profile-STAGE.json in the run directory (0: none)").atLeast(0));
    specs.add(new SettingSpec("tf.intra_op_threads", "2", "threads inside one TF op (0: TF decides)")
        .atLeast(0));
    specs.add(new SettingSpec("tf.inter_op_threads", "2", "TF ops run side by side (0: TF decides)")
        .atLeast(0));
    specs.add(new SettingSpec("tf.deterministic", "false",
        "bit-for-bit repeatable runs: locked optimiser updates and one intra-op thread (slower)")
        .flag());
    specs.add(new SettingSpec(TfRuntime.DEVICE_KEY, "auto", "where the graph runs: auto"
        + " (TensorFlow's placement: its first GPU when it sees one, else the CPU), cpu (GPUs"
        + " hidden) or gpu:N (GPU N only; a clear error when TensorFlow sees no such GPU)")
        .oneOf(TfRuntime.DEVICES.toArray(String[]::new)));
    return specs;
  }
}
