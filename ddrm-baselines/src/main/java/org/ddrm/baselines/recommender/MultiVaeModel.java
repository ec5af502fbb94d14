package org.ddrm.baselines.recommender;

import java.util.ArrayList;
import java.util.List;
import org.ddrm.api.BatchSource;
import org.ddrm.api.ForwardingBatchSource;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.TrainableModel;
import org.ddrm.api.UserBatchSampler;
import org.ddrm.api.UserItemMatrix;
import org.ddrm.api.UserRows;
import org.ddrm.api.nn.DenseLayer;
import org.ddrm.api.nn.SeededOps;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Mult-VAE's graph, as in the authors' code. Encoder: the L2-normalised train row, dropout in
 * training (on its stored entries: the zeros stay zero), then dense layers with the activation
 * between them, the first a sparse product; the last layer gives
 * {@code [mu, logvar]}. Training samples {@code z = mu + eps exp(logvar / 2)}; scoring uses
 * {@code z = mu}. Decoder: the mirrored widths, logits over all items. Loss per batch:
 * {@code -mean_u sum_i log softmax(logits)_i y_ui + beta * mean_u KL(q(z|y_u) || N(0, I)) + reg *
 * sum of squared weights}, with {@code beta} from {@link KlAnnealing} fed at every step.
 */
final class MultiVaeModel implements TrainableModel {
  private final Ops tf;
  private final UserItemMatrix train;
  private final UserRows scoringInputs;
  private final List<DenseLayer> encoder = new ArrayList<>();
  private final List<DenseLayer> decoder = new ArrayList<>();
  private final Activation activation;
  private final int latent;
  private final Operand<TFloat32> loss;
  private final BatchSource batches;

  MultiVaeModel(ModelGraph graph, List<Integer> dims, Activation activation, double dropout,
      KlAnnealing annealing, double reg, int batchSize) {
    this.tf = graph.tf().withSubScope("multivae");
    this.train = graph.dataset().trainMatrix();
    this.activation = activation;
    this.latent = dims.get(dims.size() - 1);
    int items = train.numItems();
    List<Integer> widths = new ArrayList<>();
    widths.add(items);
    widths.addAll(dims);
    for (int k = 0; k + 1 < widths.size(); k++) {
      boolean last = k + 2 == widths.size();
      int out = last ? 2 * widths.get(k + 1) : widths.get(k + 1);
      encoder.add(new DenseLayer(tf, "encoder_" + k, widths.get(k), out, graph::nextSeed));
    }
    for (int k = widths.size() - 1; k > 0; k--) {
      decoder.add(new DenseLayer(tf, "decoder_" + (widths.size() - 1 - k), widths.get(k),
          widths.get(k - 1), graph::nextSeed));
    }

    UserRows inputs = UserRows.placeholders(tf, "train", items);
    this.scoringInputs = UserRows.placeholders(tf, "scoring", items);
    Placeholder<TFloat32> beta = tf.withName("kl_weight")
        .placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    Operand<TFloat32> normalized = inputs.l2NormalizedValues(tf);
    Operand<TFloat32> h = encode(inputs, SeededOps.dropout(tf, normalized,
        tf.shape(inputs.entryRows(tf)), dropout, graph.nextOpSeed()));
    Operand<TFloat32> mu = latentPart(h, 0);
    Operand<TFloat32> logVar = latentPart(h, latent);
    Operand<TFloat32> std = tf.math.exp(tf.math.mul(tf.constant(0.5f), logVar));
    Operand<TFloat32> eps = SeededOps.standardNormal(tf,
        RowOps.rowsTimes(tf, inputs.users(), latent), graph.nextOpSeed());
    Operand<TFloat32> z = tf.math.add(mu, tf.math.mul(eps, std));
    Operand<TFloat32> logSoftmax = tf.nn.logSoftmax(decode(z));
    Operand<TFloat32> negLogLikelihood = tf.math.neg(
        RowOps.mean(tf, RowOps.rowSums(tf, tf.math.mul(logSoftmax, inputs.rows()))));
    Operand<TFloat32> klTerms = tf.math.sub(
        tf.math.add(tf.math.add(tf.math.neg(logVar), tf.math.exp(logVar)), tf.math.square(mu)),
        tf.constant(1f));
    Operand<TFloat32> kl = RowOps.mean(tf,
        tf.math.mul(tf.constant(0.5f), RowOps.rowSums(tf, klTerms)));
    Operand<TFloat32> total = tf.math.add(negLogLikelihood, tf.math.mul(beta, kl));
    if (reg > 0) {
      Operand<TFloat32> squares = tf.constant(0f);
      for (DenseLayer layer : allLayers()) {
        squares = tf.math.add(squares, RowOps.squaredNorm(tf, layer.weight()));
      }
      total = tf.math.add(total, tf.math.mul(tf.constant((float) reg), squares));
    }
    this.loss = total;
    this.batches = new AnnealedBatches(new UserBatchSampler(train, inputs, batchSize), beta,
        annealing);
  }

  private List<DenseLayer> allLayers() {
    List<DenseLayer> layers = new ArrayList<>(encoder);
    layers.addAll(decoder);
    return layers;
  }

  /**
   * The encoder on the rows whose entries hold {@code values}: the first layer is a sparse product
   * ({@link UserRows#times}), never the dense [B, items] rows.
   */
  private Operand<TFloat32> encode(UserRows rows, Operand<TFloat32> values) {
    Operand<TFloat32> h = encoder.get(0).apply(tf, rows, values);
    for (int k = 1; k < encoder.size(); k++) {
      h = encoder.get(k).apply(tf, activation.apply(tf, h));
    }
    return h;
  }

  private Operand<TFloat32> decode(Operand<TFloat32> z) {
    Operand<TFloat32> h = z;
    for (int k = 0; k < decoder.size(); k++) {
      h = decoder.get(k).apply(tf, h);
      if (k < decoder.size() - 1) {
        h = activation.apply(tf, h);
      }
    }
    return h;
  }

  /** Columns {@code from .. from + latent} of the encoder output. */
  private Operand<TFloat32> latentPart(Operand<TFloat32> h, int from) {
    return tf.slice(h, tf.constant(new int[] {0, from}), tf.constant(new int[] {-1, latent}));
  }

  @Override
  public Operand<TFloat32> loss() {
    return loss;
  }

  @Override
  public List<Variable<TFloat32>> trainableVariables() {
    List<Variable<TFloat32>> variables = new ArrayList<>();
    allLayers().forEach(layer -> variables.addAll(layer.variables()));
    return variables;
  }

  @Override
  public BatchSource batches() {
    return batches;
  }

  /** The decoder's logits at {@code z = mu} of the L2-normalised train row. */
  @Override
  public Operand<TFloat32> scores(Operand<TInt32> users) {
    Operand<TFloat32> mu =
        latentPart(encode(scoringInputs, scoringInputs.l2NormalizedValues(tf)), 0);
    return decode(mu);
  }

  @Override
  public AutoCloseable feedScoring(int[] users, Session.Runner runner) {
    return scoringInputs.feed(runner, train, users);
  }

  /** User batches plus the KL weight of each update, counted over the whole run. */
  private static final class AnnealedBatches extends ForwardingBatchSource {
    private final Placeholder<TFloat32> beta;
    private final KlAnnealing annealing;
    private long updates;

    AnnealedBatches(UserBatchSampler users, Placeholder<TFloat32> beta, KlAnnealing annealing) {
      super(users);
      this.beta = beta;
      this.annealing = annealing;
    }

    @Override
    public void resumeAfter(int epochsDone, double[] state) {
      updates = (long) epochsDone * batchesPerEpoch();
    }

    @Override
    public AutoCloseable feedNext(Session.Runner runner) {
      AutoCloseable rows = super.feedNext(runner);
      TFloat32 weight = TFloat32.scalarOf((float) annealing.weight(updates++));
      runner.feed(beta, weight);
      return () -> {
        weight.close();
        rows.close();
      };
    }
  }
}
