package org.ddrm.baselines.recommender;

import org.ddrm.api.Setting;
import org.ddrm.api.SettingSet;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.ValueRule;
import org.ddrm.api.graph.Pooling;
import org.ddrm.backend.lightgcn.LightGcnSettings;

/**
 * The validated settings of {@code adagcl}. Defaults are the authors' ({@code Params.py} of
 * HKUDS/AdaGCL; they published no ML-1M command, so their defaults are what an ML-1M run gets).
 *
 * @param dim embedding width of the main model and of both generators ({@code latdim})
 * @param layers LightGCN layers of the main model, the VGAE encoder and the denoising view
 *     ({@code gnn_layer})
 * @param reg weight of the squared norm of every parameter of each part ({@code reg})
 * @param initStd standard deviation of the normal initial embedding tables
 * @param sslWeight weight of InfoNCE between the two views ({@code ssl_reg})
 * @param ibWeight weight of the information-bottleneck InfoNCE terms ({@code ib_reg})
 * @param temperature InfoNCE temperature ({@code temp})
 * @param klWeight weight of the VGAE's KL term (the authors' hard-coded {@code beta})
 * @param lambda0 weight of the L0 penalty on the denoising view's gates ({@code lambda0})
 * @param gamma lower end of the hard-concrete stretch interval, negative ({@code gamma})
 * @param zeta upper end, above 1 ({@code zeta})
 * @param concrete the hard-concrete temperature schedule ({@code init_temperature},
 *     {@code temperature_decay}, and the floor 0.05 hard-coded in {@code Main.py})
 * @param denoiserInput the tables the denoiser trains on: the main model's initial ones (the
 *     authors' code) or its current ones (the paper's description)
 * @param denoiserEpsilon the epsilon of the denoiser's Adam ({@code eps})
 */
record AdaGclSettings(int dim, int layers, double reg, double initStd, double sslWeight,
    double ibWeight, double temperature, double klWeight, double lambda0, double gamma,
    double zeta, ConcreteTemperature concrete, DenoiserInput denoiserInput,
    double denoiserEpsilon) {
  static final String NAME = "adagcl";

  /** Every key, with its default and accepted values. */
  static final SettingSet KEYS = new SettingSet();
  private static final Setting<Integer> DIM = KEYS.add(Setting.integer(new SettingSpec("dim", "32",
      "embedding size of the main model and both view generators").atLeast(1)));
  private static final Setting<Integer> LAYERS = KEYS.add(Setting.integer(new SettingSpec(
      "layers", "2", "LightGCN layers (sum pooling) of the main model, the VGAE encoder and the"
          + " denoiser").atLeast(1)));
  private static final Setting<Double> REG = KEYS.add(Setting.number(new SettingSpec("reg",
      "0.00001", "weight of the squared norm of every parameter of each of the three parts")
          .nonNegative()));
  private static final Setting<Double> INIT_STD = KEYS.add(Setting.number(new SettingSpec(
      "init_std", "0.02", "standard deviation of the normal initial embeddings (about that of"
          + " the authors' Xavier-uniform tables on ML-1M)").positive()));
  private static final Setting<Double> SSL_WEIGHT = KEYS.add(Setting.number(new SettingSpec(
      "ssl_weight", "0.1", "weight of InfoNCE between the two generated views").nonNegative()));
  private static final Setting<Double> IB_WEIGHT = KEYS.add(Setting.number(new SettingSpec(
      "ib_weight", "0.1", "weight of the information-bottleneck InfoNCE terms (each view"
          + " against itself, detached)").nonNegative()));
  private static final Setting<Double> TEMPERATURE = KEYS.add(Setting.number(new SettingSpec(
      "temperature", "0.5", "InfoNCE temperature").positive()));
  private static final Setting<Double> KL_WEIGHT = KEYS.add(Setting.number(new SettingSpec(
      "kl_weight", "0.1", "weight of the VGAE's KL term").nonNegative()));
  private static final Setting<Double> LAMBDA0 = KEYS.add(Setting.number(new SettingSpec(
      "lambda0", "0.0001", "weight of the L0 penalty on the denoiser's edge gates")
          .nonNegative()));
  private static final Setting<Double> GAMMA = KEYS.add(Setting.number(new SettingSpec(
      "gamma", "-0.45", "hard-concrete stretch: lower end (negative)")
          .withRule(ValueRule.number(Double.NEGATIVE_INFINITY, false, 0, true))));
  private static final Setting<Double> ZETA = KEYS.add(Setting.number(new SettingSpec(
      "zeta", "1.05", "hard-concrete stretch: upper end (above 1)")
          .withRule(ValueRule.number(1, true, Double.POSITIVE_INFINITY))));
  private static final Setting<Double> CONCRETE_TEMPERATURE = KEYS.add(Setting.number(
      new SettingSpec("concrete_temperature", "2.0",
          "hard-concrete temperature of the first epoch").positive()));
  private static final Setting<Double> CONCRETE_DECAY = KEYS.add(Setting.number(new SettingSpec(
      "concrete_decay", "0.98", "factor on the hard-concrete temperature per epoch")
          .probability()));
  private static final Setting<Double> CONCRETE_MIN = KEYS.add(Setting.number(new SettingSpec(
      "concrete_min", "0.05", "floor of the hard-concrete temperature").positive()));
  private static final Setting<DenoiserInput> DENOISER_INPUT = KEYS.add(Setting.choice(
      new SettingSpec("denoiser_input", "initial", "tables the edge denoiser trains on: initial"
          + " (a frozen copy of the main model's initial tables, the authors' code) | current"),
      DenoiserInput.class));
  private static final Setting<Double> DENOISER_EPSILON = KEYS.add(Setting.number(
      new SettingSpec("denoiser_epsilon", "0.001", "epsilon of the edge denoiser's Adam")
          .positive()));

  /** The tables the edge denoiser's training forward starts from. */
  enum DenoiserInput { INITIAL, CURRENT }

  static AdaGclSettings from(Settings s) {
    return new AdaGclSettings(DIM.read(NAME, s), LAYERS.read(NAME, s), REG.read(NAME, s),
        INIT_STD.read(NAME, s), SSL_WEIGHT.read(NAME, s), IB_WEIGHT.read(NAME, s),
        TEMPERATURE.read(NAME, s), KL_WEIGHT.read(NAME, s), LAMBDA0.read(NAME, s),
        GAMMA.read(NAME, s), ZETA.read(NAME, s),
        new ConcreteTemperature(CONCRETE_TEMPERATURE.read(NAME, s), CONCRETE_DECAY.read(NAME, s),
            CONCRETE_MIN.read(NAME, s)),
        DENOISER_INPUT.read(NAME, s), DENOISER_EPSILON.read(NAME, s));
  }

  /** The settings of a LightGCN encoder (main model or VGAE encoder) of this width and depth. */
  LightGcnSettings encoder() {
    return new LightGcnSettings(dim, layers, Pooling.SUM, reg, initStd);
  }
}
