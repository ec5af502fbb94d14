package org.ddrm.baselines.recommender;

import java.util.ArrayList;
import java.util.List;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RankingOps;
import org.ddrm.api.TripleBatch;
import org.ddrm.api.graph.BipartiteGraph;
import org.ddrm.api.graph.NormalizedAdjacency;
import org.ddrm.api.graph.UserItemTables;
import org.ddrm.api.nn.DenseLayer;
import org.ddrm.api.nn.OpSeed;
import org.ddrm.api.nn.SeededOps;
import org.ddrm.backend.lightgcn.LightGcnEncoder;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * AdaGCL's graph generative view ({@code vgae} in the authors' {@code Model.py}). A variational
 * graph encoder — its own LightGCN tables propagated over the train graph, then per node a mean
 * {@code Linear-ReLU-Linear} and a standard deviation {@code Linear-ReLU-Linear-Softplus} — gives
 * a sample {@code z = mean + eps std}; the decoder {@code ReLU-Linear-ReLU-Linear} on
 * {@code z_u * z_i} gives each edge's logit. The view keeps the train edges whose probability is
 * at least 0.5, with their train-graph weights scaled by {@code edges / kept} (not renormalised),
 * as the authors' {@code generate} does; it is a constant to the main model (no gradient reaches
 * the generator through it). The generator trains on its own loss: BCE of the decoder on the
 * batch's positive and negative pairs, {@code kl_weight} times the mean KL over nodes, BPR on
 * the sampled embeddings and {@code reg} times the squared norm of the encoder's parameters.
 *
 * <p>The view is generated at every step from the current generator, as in the authors' code
 * (a sample per step; the loss draws its own). Decoding every edge costs one [edges, dim]
 * product and a [dim, dim] layer per step; the edges are the user-item pairs once (the product
 * is symmetric, so both directions of the authors' adjacency agree), without the authors'
 * self-loops (the shared LightGCN adjacency has none).
 */
final class GenerativeView {
  private final Ops tf;
  private final LightGcnEncoder encoder;
  private final List<DenseLayer> mean = new ArrayList<>();
  private final List<DenseLayer> std = new ArrayList<>();
  private final List<DenseLayer> decoder = new ArrayList<>();
  private final UserItemTables means;
  private final UserItemTables stds;
  private final OpSeed lossSeedUsers;
  private final OpSeed lossSeedItems;
  private final Operand<TFloat32> weights;
  private final NormalizedAdjacency view;
  private final int numUsers;
  private final int numItems;
  private final int dim;

  GenerativeView(ModelGraph graph, Ops tf, AdaGclSettings settings,
      NormalizedAdjacency trainGraph) {
    this.tf = tf;
    this.encoder = LightGcnEncoder.build(graph, tf.withSubScope("encoder"), settings.encoder());
    int width = settings.dim();
    for (int k = 0; k < 2; k++) {
      mean.add(new DenseLayer(tf, "mean_" + k, width, width, graph::nextSeed));
      std.add(new DenseLayer(tf, "std_" + k, width, width, graph::nextSeed));
      decoder.add(new DenseLayer(tf, "decoder_" + k, width, k == 0 ? width : 1, graph::nextSeed));
    }
    UserItemTables x = encoder.encode();
    this.means = new UserItemTables(mlp(mean, x.users()), mlp(mean, x.items()));
    this.stds = new UserItemTables(tf.math.softplus(mlp(std, x.users())),
        tf.math.softplus(mlp(std, x.items())));
    this.numUsers = graph.dataset().numUsers();
    this.numItems = graph.dataset().numItems();
    this.dim = width;

    BipartiteGraph edges = trainGraph.graph();
    UserItemTables z = sample(graph.nextOpSeed(), graph.nextOpSeed());
    Operand<TFloat32> logits = decode(
        RankingOps.rows(tf, z.users(), constant(edges, true)),
        RankingOps.rows(tf, z.items(), constant(edges, false)));
    Operand<TFloat32> keep = tf.stopGradient(
        tf.dtypes.cast(tf.math.greaterEqual(logits, tf.constant(0f)), TFloat32.class));
    Operand<TFloat32> kept = tf.math.maximum(tf.reduceSum(keep, tf.constant(0)), tf.constant(1f));
    Operand<TFloat32> scale = tf.math.div(tf.constant((float) edges.numEdges()), kept);
    Operand<TFloat32> trainWeights = tf.constant(edges.normalizedWeights(null));
    this.weights = tf.math.mul(tf.math.mul(trainWeights, keep), scale);
    this.view = trainGraph.withWeights(weights,
        tf.gather(weights, tf.constant(edges.itemMajorOrder()), tf.constant(0)));
    this.lossSeedUsers = graph.nextOpSeed();
    this.lossSeedItems = graph.nextOpSeed();
  }

  private static int[] endpoints(BipartiteGraph edges, boolean users) {
    int[] out = new int[edges.numEdges()];
    for (int e = 0; e < out.length; e++) {
      out[e] = users ? edges.user(e) : edges.item(e);
    }
    return out;
  }

  private Operand<TInt32> constant(BipartiteGraph edges, boolean users) {
    return tf.constant(endpoints(edges, users));
  }

  /** {@code Linear-ReLU-Linear} per row. */
  private Operand<TFloat32> mlp(List<DenseLayer> layers, Operand<TFloat32> x) {
    return layers.get(1).apply(tf, tf.nn.relu(layers.get(0).apply(tf, x)));
  }

  /** A sample {@code mean + eps std} of every node's embedding. */
  private UserItemTables sample(OpSeed userSeed, OpSeed itemSeed) {
    return new UserItemTables(sample(means.users(), stds.users(), numUsers, userSeed),
        sample(means.items(), stds.items(), numItems, itemSeed));
  }

  private Operand<TFloat32> sample(Operand<TFloat32> mu, Operand<TFloat32> sigma, int rows,
      OpSeed seed) {
    Operand<TFloat32> eps = SeededOps.standardNormal(tf, tf.constant(new int[] {rows, dim}), seed);
    return tf.math.add(mu, tf.math.mul(eps, sigma));
  }

  /** The decoder's logit of each pair (rows of {@code users} and {@code items}), [B]. */
  private Operand<TFloat32> decode(Operand<TFloat32> users, Operand<TFloat32> items) {
    Operand<TFloat32> h = tf.nn.relu(decoder.get(0).apply(tf, tf.nn.relu(tf.math.mul(users, items))));
    return tf.reshape(decoder.get(1).apply(tf, h), tf.constant(new int[] {-1}));
  }

  /** The generated view: the train graph's edges with the kept ones' scaled weights. */
  NormalizedAdjacency view() {
    return view;
  }

  /** The view's per-edge weights in user-major edge order, [edges] (0 for dropped edges). */
  Operand<TFloat32> weights() {
    return weights;
  }

  /** The generator's loss on a batch of triples. */
  Operand<TFloat32> loss(TripleBatch batch, AdaGclSettings settings) {
    UserItemTables z = sample(lossSeedUsers, lossSeedItems);
    Operand<TFloat32> users = RankingOps.rows(tf, z.users(), batch.users());
    Operand<TFloat32> positives = RankingOps.rows(tf, z.items(), batch.positives());
    Operand<TFloat32> negatives = RankingOps.rows(tf, z.items(), batch.negatives());
    // BCE: -log sigmoid(l) = softplus(-l) for observed pairs, -log(1 - sigmoid(l)) = softplus(l).
    Operand<TFloat32> reconstruction = RowOps.mean(tf, tf.math.add(
        tf.math.softplus(tf.math.neg(decode(users, positives))),
        tf.math.softplus(decode(users, negatives))));
    Operand<TFloat32> bpr = RowOps.mean(tf, RankingOps.bprPerExample(tf,
        RankingOps.dot(tf, users, positives), RankingOps.dot(tf, users, negatives)));
    Operand<TFloat32> kl = tf.math.div(tf.math.add(klSum(means.users(), stds.users()),
        klSum(means.items(), stds.items())), tf.constant((float) (numUsers + numItems)));
    List<Variable<TFloat32>> regularised = new ArrayList<>(encoder.variables());
    mean.forEach(layer -> regularised.addAll(layer.variables()));
    std.forEach(layer -> regularised.addAll(layer.variables()));
    Operand<TFloat32> reg = tf.math.mul(tf.constant((float) settings.reg()),
        RowOps.squaredNorms(tf, regularised));
    return tf.math.add(tf.math.add(reconstruction, bpr),
        tf.math.add(tf.math.mul(tf.constant((float) settings.klWeight()), kl), reg));
  }

  /** {@code sum over rows of -0.5 sum_d (1 + 2 log std - mean^2 - std^2)}. */
  private Operand<TFloat32> klSum(Operand<TFloat32> mu, Operand<TFloat32> sigma) {
    Operand<TFloat32> terms = tf.math.sub(
        tf.math.add(tf.constant(1f), tf.math.mul(tf.constant(2f), tf.math.log(sigma))),
        tf.math.add(tf.math.square(mu), tf.math.square(sigma)));
    return tf.math.mul(tf.constant(-0.5f), tf.reduceSum(terms, tf.constant(new int[] {0, 1})));
  }

  List<Variable<TFloat32>> variables() {
    List<Variable<TFloat32>> variables = new ArrayList<>(encoder.variables());
    for (List<DenseLayer> layers : List.of(mean, std, decoder)) {
      layers.forEach(layer -> variables.addAll(layer.variables()));
    }
    return variables;
  }
}
