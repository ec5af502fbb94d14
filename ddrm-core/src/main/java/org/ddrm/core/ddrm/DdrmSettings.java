package org.ddrm.core.ddrm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.ValueRule;
import org.ddrm.api.Settings;
import org.ddrm.api.graph.Pooling;
import org.ddrm.api.nn.NoiseSchedule;

/**
 * The validated settings of the {@code ddrm} denoiser. Defaults are the DDRM reference's MF-BPR
 * values on ML-1M; {@link #SPECS} lists every key with its default and meaning.
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

  static final List<SettingSpec> SPECS = List.of(
      new SettingSpec("steps", "20", "diffusion steps T of training").atLeast(1),
      new SettingSpec("inference_steps", "20",
          "reverse steps T' at inference; when T' > T the schedule is recomputed for T' steps")
              .atLeast(1),
      new SettingSpec("noise_scale", "0.0001", "noise scale s of the linear-variance schedule")
          .positive(),
      new SettingSpec("noise_min", "0.0001", "lower end of the schedule's variance, before s")
          .positive(),
      new SettingSpec("noise_max", "0.001", "upper end of the schedule's variance, before s")
          .positive(),
      new SettingSpec("first_beta", "0.00001", "value that overrides the first beta").positive(),
      new SettingSpec("hidden", "1000,100,1000", "hidden widths of each denoiser MLP").sizes(),
      new SettingSpec("activation", "sigmoid", "MLP activation: sigmoid, relu or tanh")
          .oneOf("sigmoid", "relu", "tanh"),
      new SettingSpec("dropout", "0.5", "dropout rate on the noisy embedding (training only)")
          .withRule(ValueRule.shareBelowOne()),
      new SettingSpec("step_embedding_dim", "10", "width of the sinusoidal step embedding")
          .atLeast(1),
      new SettingSpec("lambda", "0.4", "weight of the reconstruction loss against BPR")
          .probability(),
      new SettingSpec("gamma", "1.0", "exponent of the sigmoid(score) sample weight (0: no weighting)")
          .nonNegative(),
      new SettingSpec("weight_scope", "all",
          "what the sample weight multiplies: all (BPR and reconstruction, the reference) or bpr "
              + "(BPR only; the reconstruction anchor then cannot vanish with the weights)")
                  .oneOf("all", "bpr"),
      new SettingSpec("propagation_layers", "4",
          "LightGCN layers applied to the backend's layer-0 embeddings before denoising "
              + "(0: the backend's final tables as they are)").atLeast(0),
      new SettingSpec("propagation_pooling", "mean",
          "pooling over propagation layers 0..L: mean, normalized_sum (layer 0 plus every"
          + " propagated layer, rows L2-normalised and fed on normalised) or sum")
              .oneOf("mean", "normalized_sum", "sum"),
      new SettingSpec("joint", "false",
          "train the backend together with the denoisers in one stage instead of freezing it")
              .flag(),
      new SettingSpec("finetune_backend", "false",
          "keep the BPR stage, then fine-tune the backend together with the denoisers").flag(),
      new SettingSpec("item_only", "false",
          "ablation: only the item denoiser; BPR uses the original user embedding").flag(),
      new SettingSpec("loss", "both",
          "ablation: both (BPR + reconstruction, reweighted), reconstruction (no reweighting), "
              + "reweight (reweighted BPR, no reconstruction)")
                  .oneOf("both", "reconstruction", "reweight"),
      new SettingSpec("inference_start", "history",
          "ablation: start inference from the noised history mean, or from pure noise")
              .oneOf("history", "noise"),
      new SettingSpec("dynamic_noise", "none",
          "ablation: scale each embedding's forward noise by its own std or rms (none, std, norm)")
              .oneOf("none", "std", "norm"),
      new SettingSpec("denoiser", "mlp", "ablation: denoiser network, mlp or transformer")
          .oneOf("mlp", "transformer"),
      new SettingSpec("attention_tokens", "8",
          "transformer denoiser: tokens each embedding is cut into (must divide the dimension)")
              .atLeast(1),
      new SettingSpec("attention_width", "16", "transformer denoiser: query/key/value width")
          .atLeast(1));

  DdrmSettings {
    hidden = List.copyOf(hidden);
    require(steps >= 1, "steps", "must be at least 1, got " + steps);
    require(inferenceSteps >= 1, "inference_steps", "must be at least 1, got " + inferenceSteps);
    require(noiseScale >= 0, "noise_scale", "must not be negative, got " + noiseScale);
    require(firstBeta > 0 && firstBeta < 1, "first_beta", "must lie in (0, 1), got " + firstBeta);
    require(dropout >= 0 && dropout < 1, "dropout", "must lie in [0, 1), got " + dropout);
    require(stepEmbeddingDim >= 1, "step_embedding_dim", "must be at least 1, got " + stepEmbeddingDim);
    require(lambda >= 0 && lambda <= 1, "lambda", "must lie in [0, 1], got " + lambda);
    require(gamma >= 0, "gamma", "must not be negative, got " + gamma);
    require(propagationLayers >= 0, "propagation_layers",
        "must not be negative, got " + propagationLayers);
    require(hidden.stream().allMatch(h -> h > 0), "hidden", "widths must be positive, got " + hidden);
    require(attentionTokens >= 1, "attention_tokens", "must be at least 1, got " + attentionTokens);
    require(!(joint && finetuneBackend), "finetune_backend",
        "cannot be combined with ddrm.joint (joint already trains the backend from the start)");
    require(attentionWidth >= 1, "attention_width", "must be at least 1, got " + attentionWidth);
  }

  /** Reads and validates the provider-scoped settings (defaults already applied). */
  static DdrmSettings from(Settings s) {
    return new DdrmSettings(
        s.getInt("steps"),
        s.getInt("inference_steps"),
        s.getDouble("noise_scale"),
        s.getDouble("noise_min"),
        s.getDouble("noise_max"),
        s.getDouble("first_beta"),
        s.getString("hidden").isBlank() ? List.of() : s.getIntList("hidden"),
        choice(Activation.class, "activation", s.getString("activation")),
        s.getDouble("dropout"),
        s.getInt("step_embedding_dim"),
        s.getDouble("lambda"),
        s.getDouble("gamma"),
        choice(WeightScope.class, "weight_scope", s.getString("weight_scope")),
        s.getInt("propagation_layers"),
        choice(Pooling.class, "propagation_pooling", s.getString("propagation_pooling")),
        s.getBoolean("joint"),
        s.getBoolean("finetune_backend"),
        s.getBoolean("item_only"),
        choice(LossVariant.class, "loss", s.getString("loss")),
        choice(InferenceStart.class, "inference_start", s.getString("inference_start")),
        choice(DynamicNoise.class, "dynamic_noise", s.getString("dynamic_noise")),
        choice(NetworkKind.class, "denoiser", s.getString("denoiser")),
        s.getInt("attention_tokens"),
        s.getInt("attention_width"));
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

  private static void require(boolean condition, String key, String message) {
    if (!condition) {
      throw new IllegalArgumentException("ddrm." + key + ": " + message);
    }
  }

  /** The specs of the given keys, as the {@code ddrm} provider declares them. */
  static List<SettingSpec> specs(String... keys) {
    List<String> wanted = List.of(keys);
    return SPECS.stream().filter(spec -> wanted.contains(spec.key())).toList();
  }

  /** A propagation pooling read for another provider, its errors naming {@code provider.key}. */
  static Pooling pooling(String provider, String key, String value) {
    return choice(provider, Pooling.class, key, value);
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String key, String value) {
    return choice("ddrm", type, key, value);
  }

  private static <E extends Enum<E>> E choice(String provider, Class<E> type, String key,
      String value) {
    String wanted = value.trim().toUpperCase(Locale.ROOT);
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(wanted)) {
        return constant;
      }
    }
    List<String> names = new ArrayList<>();
    Arrays.stream(type.getEnumConstants()).forEach(c -> names.add(c.name().toLowerCase(Locale.ROOT)));
    throw new IllegalArgumentException(
        provider + "." + key + ": expected one of " + String.join(", ", names) + ", got '" + value + "'");
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
