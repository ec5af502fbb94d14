package org.ddrm.baselines.recommender;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RankingOps;
import org.ddrm.api.TrainingHook;
import org.ddrm.api.TripleBatch;
import org.ddrm.api.graph.BipartiteGraph;
import org.ddrm.api.graph.GraphPropagation;
import org.ddrm.api.graph.NormalizedAdjacency;
import org.ddrm.api.graph.Pooling;
import org.ddrm.api.graph.UserItemTables;
import org.ddrm.api.nn.DenseLayer;
import org.ddrm.api.nn.SeededOps;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * AdaGCL's graph denoising view ({@code DenoisingNet} in the authors' {@code Model.py}). At
 * propagation layer l, edge (row r, column c) of the adjacency gets the logit
 * {@code log_alpha = Linear_l([ReLU(nb_l(x_r)), ReLU(self_l(x_c))])} from that layer's input x;
 * a hard-concrete gate {@code clamp(sigmoid((log_alpha + noise) / t) (zeta - gamma) + gamma, 0, 1)}
 * (no noise and t = 1 outside training) keeps it, and the gated adjacency is renormalised
 * symmetrically over its row sums ({@code d^-1/2} clamped to [0, 10]). Both directions of an edge
 * get their own gate, as in the authors' code. The attention layer is linear in its two halves,
 * so the logit is computed as per-node scalars gathered per edge: no [edges, dim] tensor.
 *
 * <p>The main model's second view uses the gates without noise on its own layer inputs, detached
 * (the authors' {@code generate} under {@code no_grad}). The denoiser trains on BPR of the
 * tables it is given (detached; {@code denoiser_input}: the authors' copy of the main model's
 * initial layer-0 tables, or the current ones as the paper describes) propagated through its
 * noisy gates, plus {@code lambda0} times the L0 penalty
 * {@code sum_l mean sigmoid(log_alpha - t log(-gamma / zeta))} and {@code reg} times its
 * parameters' squared norm. The temperature t follows {@link ConcreteTemperature}, fed every step.
 */
final class DenoisingView implements TrainingHook {
  private static final float NOISE_FLOOR = 1e-7f;
  private static final float DEGREE_EPSILON = 1e-6f;
  private static final float MAX_INVERSE_ROOT = 10f;

  private final Ops tf;
  private final NormalizedAdjacency trainGraph;
  private final int edges;
  private final Operand<TInt32> userMajorUsers;
  private final Operand<TInt32> userMajorItems;
  private final Operand<TInt32> itemMajorUsers;
  private final Operand<TInt32> itemMajorItems;
  private final Operand<TFloat32> userOnes;
  private final Operand<TFloat32> itemOnes;
  private final List<DenseLayer> neighbour = new ArrayList<>();
  private final List<DenseLayer> self = new ArrayList<>();
  private final List<DenseLayer> attention = new ArrayList<>();
  private final ModelGraph graph;
  private final AdaGclSettings settings;
  private final Operand<TFloat32> temperature;
  private final List<Operand<TFloat32>> viewGates = new ArrayList<>();
  private final List<Operand<TFloat32>> trainingGates = new ArrayList<>();
  private final List<Operand<TFloat32>> trainingLogits = new ArrayList<>();
  private double currentTemperature;

  DenoisingView(ModelGraph graph, Ops tf, AdaGclSettings settings, NormalizedAdjacency trainGraph) {
    this.tf = tf;
    this.graph = graph;
    this.settings = settings;
    this.trainGraph = trainGraph;
    BipartiteGraph edgeSet = trainGraph.graph();
    this.edges = edgeSet.numEdges();
    int[] users = new int[edges];
    int[] items = new int[edges];
    for (int e = 0; e < edges; e++) {
      users[e] = edgeSet.user(e);
      items[e] = edgeSet.item(e);
    }
    int[] order = edgeSet.itemMajorOrder();
    int[] transposedUsers = new int[edges];
    int[] transposedItems = new int[edges];
    for (int k = 0; k < edges; k++) {
      transposedUsers[k] = users[order[k]];
      transposedItems[k] = items[order[k]];
    }
    this.userMajorUsers = tf.constant(users);
    this.userMajorItems = tf.constant(items);
    this.itemMajorUsers = tf.constant(transposedUsers);
    this.itemMajorItems = tf.constant(transposedItems);
    this.userOnes = tf.fill(tf.constant(new int[] {edgeSet.numUsers(), 1}), tf.constant(1f));
    this.itemOnes = tf.fill(tf.constant(new int[] {edgeSet.numItems(), 1}), tf.constant(1f));
    int dim = settings.dim();
    for (int l = 0; l < settings.layers(); l++) {
      neighbour.add(new DenseLayer(tf, "neighbour_" + l, dim, dim, graph::nextSeed));
      self.add(new DenseLayer(tf, "self_" + l, dim, dim, graph::nextSeed));
      attention.add(new DenseLayer(tf, "attention_" + l, 2 * dim, 1, graph::nextSeed));
    }
    this.currentTemperature = settings.concrete().at(1);
    this.temperature = tf.withName("concrete_temperature").placeholderWithDefault(
        tf.constant((float) currentTemperature), Shape.scalar());
    graph.addTrainingHook(this);
  }

  /**
   * The adjacency of the main model's second view at {@code layer}, from that layer's input:
   * noiseless gates, detached.
   */
  NormalizedAdjacency view(int layer, UserItemTables input) {
    UserItemTables detached = new UserItemTables(tf.stopGradient(input.users()),
        tf.stopGradient(input.items()));
    Gates logits = logits(layer, detached);
    Gates gates = new Gates(stretch(tf.math.sigmoid(logits.userMajor())),
        stretch(tf.math.sigmoid(logits.itemMajor())));
    viewGates.add(gates.both(tf));
    Gates weights = normalise(gates);
    return trainGraph.withDirectedWeights(tf.stopGradient(weights.userMajor()),
        tf.stopGradient(weights.itemMajor()));
  }

  /** The adjacency of the denoiser's own training forward at {@code layer}: noisy gates. */
  private NormalizedAdjacency trainingView(int layer, UserItemTables input) {
    Gates logits = logits(layer, input);
    trainingLogits.add(logits.both(tf));
    Gates gates = new Gates(noisyGate(logits.userMajor()), noisyGate(logits.itemMajor()));
    trainingGates.add(gates.both(tf));
    Gates weights = normalise(gates);
    return trainGraph.withDirectedWeights(weights.userMajor(), weights.itemMajor());
  }

  /**
   * The denoiser's loss on a batch: BPR of {@code layer0} propagated through the noisy gates,
   * the L0 penalty and the L2 term.
   */
  Operand<TFloat32> loss(TripleBatch batch, UserItemTables layer0) {
    UserItemTables pooled = new GraphPropagation(settings.layers(), Pooling.SUM)
        .propagate(tf, this::trainingView, layer0);
    Operand<TFloat32> users = RankingOps.rows(tf, pooled.users(), batch.users());
    Operand<TFloat32> bpr = RowOps.mean(tf, RankingOps.bprPerExample(tf,
        RankingOps.dot(tf, users, RankingOps.rows(tf, pooled.items(), batch.positives())),
        RankingOps.dot(tf, users, RankingOps.rows(tf, pooled.items(), batch.negatives()))));
    Operand<TFloat32> shift = tf.math.mul(temperature,
        tf.constant((float) Math.log(-settings.gamma() / settings.zeta())));
    Operand<TFloat32> l0 = tf.constant(0f);
    for (Operand<TFloat32> logits : trainingLogits) {
      l0 = tf.math.add(l0, RowOps.mean(tf, tf.math.sigmoid(tf.math.sub(logits, shift))));
    }
    Operand<TFloat32> reg = tf.math.mul(tf.constant((float) settings.reg()),
        RowOps.squaredNorms(tf, variables()));
    return tf.math.add(tf.math.add(bpr, reg),
        tf.math.mul(tf.constant((float) settings.lambda0()), l0));
  }

  /** Per-edge logits of both blocks from per-node scalars of the layer's two halves. */
  private Gates logits(int layer, UserItemTables input) {
    DenseLayer linear = attention.get(layer);
    int dim = settings.dim();
    Operand<TFloat32> first = tf.slice(linear.weight(), tf.constant(new int[] {0, 0}),
        tf.constant(new int[] {dim, 1}));
    Operand<TFloat32> second = tf.slice(linear.weight(), tf.constant(new int[] {dim, 0}),
        tf.constant(new int[] {dim, 1}));
    UserItemTables rowScores = scores(neighbour.get(layer), first, input);
    UserItemTables columnScores = scores(self.get(layer), second, input);
    Operand<TFloat32> offset = tf.reshape(linear.bias(), tf.constant(new int[] {}));
    return new Gates(
        tf.math.add(tf.math.add(tf.gather(rowScores.users(), userMajorUsers, tf.constant(0)),
            tf.gather(columnScores.items(), userMajorItems, tf.constant(0))), offset),
        tf.math.add(tf.math.add(tf.gather(rowScores.items(), itemMajorItems, tf.constant(0)),
            tf.gather(columnScores.users(), itemMajorUsers, tf.constant(0))), offset));
  }

  /** {@code ReLU(x W + b) w} per node, as vectors [numUsers] and [numItems]. */
  private UserItemTables scores(DenseLayer layer, Operand<TFloat32> half, UserItemTables x) {
    return new UserItemTables(score(layer, half, x.users()), score(layer, half, x.items()));
  }

  private Operand<TFloat32> score(DenseLayer layer, Operand<TFloat32> half, Operand<TFloat32> x) {
    return tf.reshape(tf.linalg.matMul(tf.nn.relu(layer.apply(tf, x)), half),
        tf.constant(new int[] {-1}));
  }

  /** The training gate with logistic noise {@code log u - log(1 - u)} at temperature t. */
  private Operand<TFloat32> noisyGate(Operand<TFloat32> logits) {
    Operand<TFloat32> u = tf.math.add(tf.constant(NOISE_FLOOR), tf.math.mul(
        tf.constant(1 - 2 * NOISE_FLOOR),
        SeededOps.uniform(tf, tf.constant(new int[] {edges}), graph.nextOpSeed())));
    Operand<TFloat32> noise = tf.math.sub(tf.math.log(u), tf.math.log1p(tf.math.neg(u)));
    return stretch(tf.math.sigmoid(tf.math.div(tf.math.add(noise, logits), temperature)));
  }

  /** {@code clamp(s (zeta - gamma) + gamma, 0, 1)}. */
  private Operand<TFloat32> stretch(Operand<TFloat32> s) {
    Operand<TFloat32> stretched = tf.math.add(
        tf.math.mul(s, tf.constant((float) (settings.zeta() - settings.gamma()))),
        tf.constant((float) settings.gamma()));
    return tf.math.minimum(tf.math.maximum(stretched, tf.constant(0f)), tf.constant(1f));
  }

  /** Gates times {@code d_r^-1/2 d_c^-1/2}, d the gated row sums (plus 1e-6). */
  private Gates normalise(Gates gates) {
    UserItemTables degrees = trainGraph.withDirectedWeights(gates.userMajor(), gates.itemMajor())
        .step(tf, new UserItemTables(userOnes, itemOnes));
    Operand<TFloat32> users = inverseRoot(degrees.users());
    Operand<TFloat32> items = inverseRoot(degrees.items());
    return new Gates(
        tf.math.mul(gates.userMajor(), tf.math.mul(tf.gather(users, userMajorUsers,
            tf.constant(0)), tf.gather(items, userMajorItems, tf.constant(0)))),
        tf.math.mul(gates.itemMajor(), tf.math.mul(tf.gather(items, itemMajorItems,
            tf.constant(0)), tf.gather(users, itemMajorUsers, tf.constant(0)))));
  }

  private Operand<TFloat32> inverseRoot(Operand<TFloat32> rowSums) {
    Operand<TFloat32> flat = tf.reshape(rowSums, tf.constant(new int[] {-1}));
    return tf.math.minimum(tf.math.rsqrt(tf.math.add(flat, tf.constant(DEGREE_EPSILON))),
        tf.constant(MAX_INVERSE_ROOT));
  }

  /** The main view's gates per layer (both blocks, user-major block first), [2 edges] each. */
  List<Operand<TFloat32>> viewGates() {
    return viewGates;
  }

  /** The training forward's noisy gates per layer, [2 edges] each. */
  List<Operand<TFloat32>> trainingGates() {
    return trainingGates;
  }

  List<Variable<TFloat32>> variables() {
    List<Variable<TFloat32>> variables = new ArrayList<>();
    for (List<DenseLayer> layers : List.of(neighbour, self, attention)) {
      layers.forEach(layer -> variables.addAll(layer.variables()));
    }
    return variables;
  }

  @Override
  public void beforeEpoch(int epoch, Session session, RandomGenerator random) {
    currentTemperature = settings.concrete().at(epoch);
  }

  @Override
  public AutoCloseable feed(Session.Runner runner) {
    TFloat32 value = TFloat32.scalarOf((float) currentTemperature);
    runner.feed(temperature, value);
    return value::close;
  }

  /** Per-edge values of the two blocks: user-major (R) and item-major (R^T). */
  private record Gates(Operand<TFloat32> userMajor, Operand<TFloat32> itemMajor) {
    Operand<TFloat32> both(Ops tf) {
      return tf.concat(List.of(userMajor, itemMajor), tf.constant(0));
    }
  }
}
