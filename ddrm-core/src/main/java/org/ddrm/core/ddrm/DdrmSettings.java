package org.ddrm.core.ddrm;

import java.util.List;
import org.ddrm.api.Setting;
import org.ddrm.api.SettingSet;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.ValueRule;
import org.ddrm.api.graph.Pooling;
import org.ddrm.api.nn.NoiseSchedule;

/**
 * The validated settings of the {@code ddrm} denoiser. Defaults are the DDRM reference's MF-BPR
 * values on ML-1M; {@link #KEYS} lists every key with its default and meaning.
 */
record DdrmSettings(
    int steps,
    int inferenceSteps,
    double noiseScale,
    double noiseMin,
    double noiseMax,
    double firstBeta,
    List<Integer> hidden,
    Activation activation,
    double dropout,
    int stepEmbeddingDim,
    double lambda,
    double gamma,
    WeightScope weightScope,
    int propagationLayers,
    Pooling propagationPooling,
    boolean joint,
    boolean finetuneBackend,
    boolean itemOnly,
    LossVariant loss,
    InferenceStart inferenceStart,
    DynamicNoise dynamicNoise,
    NetworkKind network,
    int attentionTokens,
    int attentionWidth) {

  static final String NAME = "ddrm";

  /** Every key, with its default and accepted values. */
  static final SettingSet KEYS = new SettingSet();
  static final Setting<Integer> STEPS = KEYS.add(Setting.integer(
      new SettingSpec("steps", "20", "diffusion steps T of training").atLeast(1)));
  static final Setting<Integer> INFERENCE_STEPS = KEYS.add(Setting.integer(
      new SettingSpec("inference_steps", "20",
          "reverse steps T' at inference; when T' > T the schedule is recomputed for T' steps")
              .atLeast(1)));
  static final Setting<Double> NOISE_SCALE = KEYS.add(Setting.number(
      new SettingSpec("noise_scale", "0.0001", "noise scale s of the linear-variance schedule")
          .positive()));
  static final Setting<Double> NOISE_MIN = KEYS.add(Setting.number(
      new SettingSpec("noise_min", "0.0001", "lower end of the schedule's variance, before s")
          .positive()));
  static final Setting<Double> NOISE_MAX = KEYS.add(Setting.number(
      new SettingSpec("noise_max", "0.001", "upper end of the schedule's variance, before s")
          .positive()));
  static final Setting<Double> FIRST_BETA = KEYS.add(Setting.number(
      new SettingSpec("first_beta", "0.00001", "value that overrides the first beta")
          .withRule(ValueRule.number(0, true, 1, true))));
  static final Setting<List<Integer>> HIDDEN = KEYS.add(Setting.integers(
      new SettingSpec("hidden", "1000,100,1000", "hidden widths of each denoiser MLP").sizes()));
  static final Setting<Activation> ACTIVATION = KEYS.add(Setting.choice(
      new SettingSpec("activation", "sigmoid", "MLP activation: sigmoid, relu or tanh"),
      Activation.class));
  static final Setting<Double> DROPOUT = KEYS.add(Setting.number(
      new SettingSpec("dropout", "0.5", "dropout rate on the noisy embedding (training only)")
          .withRule(ValueRule.shareBelowOne())));
  static final Setting<Integer> STEP_EMBEDDING_DIM = KEYS.add(Setting.integer(
      new SettingSpec("step_embedding_dim", "10", "width of the sinusoidal step embedding")
          .atLeast(1)));
  static final Setting<Double> LAMBDA = KEYS.add(Setting.number(
      new SettingSpec("lambda", "0.4", "weight of the reconstruction loss against BPR")
          .probability()));
  static final Setting<Double> GAMMA = KEYS.add(Setting.number(
      new SettingSpec("gamma", "1.0",
          "exponent of the sigmoid(score) sample weight (0: no weighting)").nonNegative()));
  static final Setting<WeightScope> WEIGHT_SCOPE = KEYS.add(Setting.choice(
      new SettingSpec("weight_scope", "all",
          "what the sample weight multiplies: all (BPR and reconstruction, the reference) or bpr "
              + "(BPR only; the reconstruction anchor then cannot vanish with the weights)"),
      WeightScope.class));
  static final Setting<Integer> PROPAGATION_LAYERS = KEYS.add(Setting.integer(
      new SettingSpec("propagation_layers", "4",
          "LightGCN layers applied to the backend's layer-0 embeddings before denoising "
              + "(0: the backend's final tables as they are)").atLeast(0)));
  static final Setting<Pooling> PROPAGATION_POOLING = KEYS.add(Setting.choice(
      new SettingSpec("propagation_pooling", "mean",
          "pooling over propagation layers 0..L: mean, normalized_sum (layer 0 plus every"
              + " propagated layer, rows L2-normalised and fed on normalised) or sum"),
      Pooling.class));
  static final Setting<Boolean> JOINT = KEYS.add(Setting.flag(
      new SettingSpec("joint", "false",
          "train the backend together with the denoisers in one stage instead of freezing it")));
  static final Setting<Boolean> FINETUNE_BACKEND = KEYS.add(Setting.flag(
      new SettingSpec("finetune_backend", "false",
          "keep the BPR stage, then fine-tune the backend together with the denoisers")));
  static final Setting<Boolean> ITEM_ONLY = KEYS.add(Setting.flag(
      new SettingSpec("item_only", "false",
          "ablation: only the item denoiser; BPR uses the original user embedding")));
  static final Setting<LossVariant> LOSS = KEYS.add(Setting.choice(
      new SettingSpec("loss", "both",
          "ablation: both (BPR + reconstruction, reweighted), reconstruction (no reweighting), "
              + "reweight (reweighted BPR, no reconstruction)"),
      LossVariant.class));
  static final Setting<InferenceStart> INFERENCE_START = KEYS.add(Setting.choice(
      new SettingSpec("inference_start", "history",
          "ablation: start inference from the noised history mean, or from pure noise"),
      InferenceStart.class));
  static final Setting<DynamicNoise> DYNAMIC_NOISE = KEYS.add(Setting.choice(
      new SettingSpec("dynamic_noise", "none",
          "ablation: scale each embedding's forward noise by its own std or rms (none, std, norm)"),
      DynamicNoise.class));
  static final Setting<NetworkKind> NETWORK = KEYS.add(Setting.choice(
      new SettingSpec("denoiser", "mlp", "ablation: denoiser network, mlp or transformer"),
      NetworkKind.class));
  static final Setting<Integer> ATTENTION_TOKENS = KEYS.add(Setting.integer(
      new SettingSpec("attention_tokens", "8",
          "transformer denoiser: tokens each embedding is cut into (must divide the dimension)")
              .atLeast(1)));
  static final Setting<Integer> ATTENTION_WIDTH = KEYS.add(Setting.integer(
      new SettingSpec("attention_width", "16", "transformer denoiser: query/key/value width")
          .atLeast(1)));

  DdrmSettings {
    hidden = List.copyOf(hidden);
    if (joint && finetuneBackend) {
      throw new IllegalArgumentException(NAME + ".finetune_backend: cannot be combined with"
          + " ddrm.joint (joint already trains the backend from the start)");
    }
  }

  /** Reads and validates the provider-scoped settings (defaults already applied). */
  static DdrmSettings from(Settings s) {
    return new DdrmSettings(
        STEPS.read(NAME, s),
        INFERENCE_STEPS.read(NAME, s),
        NOISE_SCALE.read(NAME, s),
        NOISE_MIN.read(NAME, s),
        NOISE_MAX.read(NAME, s),
        FIRST_BETA.read(NAME, s),
        HIDDEN.read(NAME, s),
        ACTIVATION.read(NAME, s),
        DROPOUT.read(NAME, s),
        STEP_EMBEDDING_DIM.read(NAME, s),
        LAMBDA.read(NAME, s),
        GAMMA.read(NAME, s),
        WEIGHT_SCOPE.read(NAME, s),
        PROPAGATION_LAYERS.read(NAME, s),
        PROPAGATION_POOLING.read(NAME, s),
        JOINT.read(NAME, s),
        FINETUNE_BACKEND.read(NAME, s),
        ITEM_ONLY.read(NAME, s),
        LOSS.read(NAME, s),
        INFERENCE_START.read(NAME, s),
        DYNAMIC_NOISE.read(NAME, s),
        NETWORK.read(NAME, s),
        ATTENTION_TOKENS.read(NAME, s),
        ATTENTION_WIDTH.read(NAME, s));
  }

  /** The training schedule, T steps. */
  NoiseSchedule trainingSchedule() {
    return NoiseSchedule.linearVariance(steps, noiseScale, noiseMin, noiseMax, firstBeta);
  }

  /** The inference schedule: the training one, or one recomputed for T' steps when T' > T. */
  NoiseSchedule inferenceSchedule() {
    return inferenceSteps > steps
        ? NoiseSchedule.linearVariance(inferenceSteps, noiseScale, noiseMin, noiseMax, firstBeta)
        : trainingSchedule();
  }

  /** Whether the backend's embeddings receive gradients from the DDRM loss. */
  boolean trainsBackend() {
    return joint || finetuneBackend;
  }

  /** The step at which {@code interactionScores} denoises: the middle of training, T / 2. */
  int auditStep() {
    return steps / 2;
  }

  /** Whether each sample's loss is multiplied by the weight {@code sigmoid(<u_hat, i_hat>)^gamma}. */
  boolean reweights() {
    return loss != LossVariant.RECONSTRUCTION && gamma != 0;
  }

  /** Whether the loss has the reconstruction (MSE) term. */
  boolean reconstructs() {
    return loss != LossVariant.REWEIGHT;
  }

  /** Activation after each hidden layer. */
  enum Activation { SIGMOID, RELU, TANH }

  /** The loss terms the sample weight multiplies. */
  enum WeightScope { ALL, BPR }

  /** Which loss terms train the denoisers (Fig. 4 of the paper). */
  enum LossVariant { BOTH, RECONSTRUCTION, REWEIGHT }

  /** Where inference starts (Table 3, "Noise Inference"). */
  enum InferenceStart { HISTORY, NOISE }

  /** Per-embedding forward noise scale (Table 3, "Dynamic Scale"). */
  enum DynamicNoise { NONE, STD, NORM }

  /** The denoiser network (Table 3, "Transformer"). */
  enum NetworkKind { MLP, TRANSFORMER }
}
