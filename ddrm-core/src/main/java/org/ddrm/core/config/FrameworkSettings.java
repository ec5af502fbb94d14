package org.ddrm.core.config;

import java.util.ArrayList;
import java.util.List;
import org.ddrm.api.Setting;
import org.ddrm.api.SettingSet;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.ValueRule;
import org.ddrm.core.data.SyntheticDataSpec;
import org.ddrm.core.train.AdamOptimizer;
import org.ddrm.core.train.EarlyStopping;
import org.ddrm.core.train.SeedPolicy;
import org.ddrm.core.train.TfRuntime;

/** The framework's own settings (not a provider's), with their defaults. */
public final class FrameworkSettings {
  /** Settings of a training stage; read under {@code train.} (first stage) and {@code denoise.}. */
  private static final SettingSet STAGE_KEYS = new SettingSet();
  public static final Setting<Integer> EPOCHS = STAGE_KEYS.add(Setting.integer(
      new SettingSpec("epochs", "1000", "maximum number of epochs").atLeast(1)));
  public static final Setting<Integer> BATCH_SIZE = STAGE_KEYS.add(Setting.integer(
      new SettingSpec("batch_size", "2048", "training examples per step").atLeast(1)));
  public static final Setting<Double> LR = STAGE_KEYS.add(Setting.number(
      new SettingSpec("lr", "0.001", "Adam learning rate").positive()));
  public static final Setting<AdamOptimizer.Kind> OPTIMIZER = STAGE_KEYS.add(Setting.choice(
      new SettingSpec("optimizer", "adam", "adam (every row of every variable, every step:"
          + " the reference's and the paper configs' choice) or lazy_adam (an embedding"
          + " table's moments and values move only in the rows a step gathers)"),
      AdamOptimizer.Kind.class));
  public static final Setting<Integer> EVAL_EVERY = STAGE_KEYS.add(Setting.integer(
      new SettingSpec("eval_every", "5", "validate every this many epochs (0: never)")
          .atLeast(0)));
  public static final Setting<Integer> PATIENCE = STAGE_KEYS.add(Setting.integer(
      new SettingSpec("patience", "6", "stop after this many validations without improvement")
          .atLeast(1)));
  public static final Setting<Integer> MIN_EPOCHS = STAGE_KEYS.add(Setting.integer(
      new SettingSpec("min_epochs", "30", "never stop early before this epoch").atLeast(0)));
  public static final Setting<String> SELECT_METRIC = STAGE_KEYS.add(Setting.text(
      new SettingSpec("select_metric", "recall@10",
          "validation metric that selects the checkpoint")));
  /** The stage keys' specs, relative to the stage's prefix. */
  public static final List<SettingSpec> STAGE = STAGE_KEYS.specs();

  /**
   * The denoiser stage's early-stopping miss rule. Only that stage has one: every {@code train.*}
   * key is part of the backend cache's key, and the backend rows keep the first rule.
   */
  public static final Setting<EarlyStopping.MissCounting> COUNT_MISSES = Setting.choice(
      new SettingSpec("denoise.count_misses", "always",
          "frozen-backend denoiser stage: which validations without improvement count towards"
              + " patience: always (from the first validation) or after_min_epochs (only those"
              + " after denoise.min_epochs, the DDRM reference's rule); an improvement resets"
              + " the count"), EarlyStopping.MissCounting.class);

  /** The run's data: where it comes from and the noise planted into it. */
  private static final SettingSet DATA_KEYS = new SettingSet();
  public static final Setting<String> DATA_PATH = DATA_KEYS.add(Setting.text(new SettingSpec(
      "data.path", "synthetic",
      "split directory (train/valid/test files) or 'synthetic' for the embedded data set")));
  public static final Setting<Integer> SYNTHETIC_USERS = DATA_KEYS.add(Setting.integer(
      new SettingSpec("data.synthetic.users",
          String.valueOf(SyntheticDataSpec.defaults().numUsers()),
          "synthetic data: number of users").atLeast(2)));
  public static final Setting<Integer> SYNTHETIC_ITEMS = DATA_KEYS.add(Setting.integer(
      new SettingSpec("data.synthetic.items",
          String.valueOf(SyntheticDataSpec.defaults().numItems()),
          "synthetic data: number of items").atLeast(2)));
  public static final Setting<Double> SYNTHETIC_NOISE_RATIO = DATA_KEYS.add(Setting.number(
      new SettingSpec("data.synthetic.noise_ratio",
          String.valueOf(SyntheticDataSpec.defaults().noiseRatio()),
          "synthetic data: share of train/valid pairs that are planted false positives")
          .withRule(ValueRule.shareBelowOne())));
  public static final Setting<Long> SYNTHETIC_SEED = DATA_KEYS.add(Setting.wholeNumber(
      new SettingSpec("data.synthetic.seed", String.valueOf(SyntheticDataSpec.defaults().seed()),
          "synthetic data: generator seed (kept apart from the run's seed)")
          .withRule(ValueRule.integerAtLeast(Long.MIN_VALUE))));
  public static final Setting<Double> INJECT_NOISE_RATIO = DATA_KEYS.add(Setting.number(
      new SettingSpec("data.inject_noise_ratio", "0",
          "random-noise setting: share of train and valid made of planted random unobserved"
              + " pairs (test untouched; 0: none)").withRule(ValueRule.shareBelowOne())));
  public static final Setting<Long> INJECT_NOISE_SEED = DATA_KEYS.add(Setting.wholeNumber(
      new SettingSpec("data.inject_noise_seed", "7",
          "seed of the planted random pairs (kept apart from the run's seed)")
          .withRule(ValueRule.integerAtLeast(Long.MIN_VALUE))));

  /** The providers a run uses (read from the raw config by {@code RunConfig}, by role). */
  private static final List<SettingSpec> PROVIDER_KEYS = List.of(
      new SettingSpec("backend", "", "embedding backend provider (mf, lightgcn, sgl)"),
      new SettingSpec("denoiser", "none", "denoiser provider on the backend (none, ddrm, ...)"),
      new SettingSpec("recommender", "",
          "stand-alone recommender provider, instead of backend + denoiser"));

  /** The backend cache, evaluation and what a run writes besides its metrics. */
  private static final SettingSet OUTPUT_KEYS = new SettingSet();
  public static final Setting<String> CACHE_DIR = OUTPUT_KEYS.add(Setting.text(new SettingSpec(
      "cache.dir", "runs/backend-cache",
      "where trained backends are kept, keyed by backend settings, seed and data hash")));
  public static final Setting<Boolean> CACHE_ENABLED = OUTPUT_KEYS.add(Setting.flag(
      new SettingSpec("cache.enabled", "true",
          "reuse a cached backend for frozen-backend denoisers (DDRM) instead of retraining it")));
  public static final Setting<List<Integer>> EVAL_KS = OUTPUT_KEYS.add(Setting.integers(
      new SettingSpec("eval.ks", "10,20,50,100", "cut-offs of the ranking metrics").sizes()));
  public static final Setting<Integer> EVAL_BATCH_SIZE = OUTPUT_KEYS.add(Setting.integer(
      new SettingSpec("eval.batch_size", "1024", "users per full-ranking evaluation batch")
          .atLeast(1)));
  public static final Setting<Integer> EXPORT_TOPK = OUTPUT_KEYS.add(Setting.integer(
      new SettingSpec("eval.export_topk", "0", "write each user's top K items of the final"
          + " model (train items masked) to topk.tsv.gz in the run directory (0: none)")
          .atLeast(0)));
  public static final Setting<Boolean> EXPORT_EMBEDDINGS = OUTPUT_KEYS.add(Setting.flag(
      new SettingSpec("export.embeddings", "false", "write the final user and item tables"
          + " (and a denoiser's generated user vectors) as .npy files in the run directory")));
  public static final Setting<Integer> PROFILE_STEPS = OUTPUT_KEYS.add(Setting.integer(
      new SettingSpec("profile.steps", "0", "training steps per epoch traced op by op into"
          + " op-profile-STAGE.json in the run directory (0: none)").atLeast(0)));

  public static final Setting<Integer> BENCH_EPOCH_STEPS = OUTPUT_KEYS.add(Setting.integer(
      new SettingSpec("bench.epoch_steps", "0", "steps per training epoch, for benchmarks at"
          + " scale (0: every step): each epoch stops after them and reports its seconds scaled"
          + " to the whole epoch; such runs use no backend cache").atLeast(0)));

  private FrameworkSettings() {}

  /** Every framework key with its default. */
  public static List<SettingSpec> all() {
    List<SettingSpec> specs = new ArrayList<>();
    specs.add(SeedPolicy.SEED.spec());
    specs.addAll(DATA_KEYS.specs());
    specs.addAll(PROVIDER_KEYS);
    for (SettingSpec s : STAGE) {
      specs.add(new SettingSpec("train." + s.key(), s.defaultValue(),
          "first stage: " + s.description(), s.rule()));
      specs.add(new SettingSpec("denoise." + s.key(), s.defaultValue(),
          "frozen-backend denoiser stage: " + s.description(), s.rule()));
    }
    specs.add(COUNT_MISSES.spec());
    specs.add(SeedPolicy.DENOISER_SEED.spec());
    specs.addAll(OUTPUT_KEYS.specs());
    specs.addAll(TfRuntime.KEYS.specs());
    return specs;
  }
}
