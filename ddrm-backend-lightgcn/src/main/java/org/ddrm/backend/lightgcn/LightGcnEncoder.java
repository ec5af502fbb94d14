package org.ddrm.backend.lightgcn;

import java.util.List;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.RankingOps;
import org.ddrm.api.TripleBatch;
import org.ddrm.api.graph.GraphPropagation;
import org.ddrm.api.graph.NormalizedAdjacency;
import org.ddrm.api.graph.SparseMatMulGradient;
import org.ddrm.api.graph.UserItemTables;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.types.TFloat32;

/**
 * LightGCN's encoder: free layer-0 user and item embeddings, propagated over the train graph's
 * symmetric-normalised adjacency (or over augmented graphs with the same edges) and pooled.
 */
public final class LightGcnEncoder {
  private final Ops tf;
  private final LightGcnSettings settings;
  private final Variable<TFloat32> users;
  private final Variable<TFloat32> items;
  private final UserItemTables layer0;
  private final NormalizedAdjacency adjacency;
  private final GraphPropagation propagation;

  private LightGcnEncoder(Ops tf, LightGcnSettings settings, Variable<TFloat32> users,
      Variable<TFloat32> items, NormalizedAdjacency adjacency) {
    this.tf = tf;
    this.settings = settings;
    this.users = users;
    this.items = items;
    // Variables are read through identity: some ops fed a variable directly crash addGradients.
    this.layer0 = new UserItemTables(tf.identity(users), tf.identity(items));
    this.adjacency = adjacency;
    this.propagation = new GraphPropagation(settings.layers(), settings.pooling());
  }

  /**
   * Adds the layer-0 variables and the train graph's adjacency under the op scope {@code tf}, and
   * registers the sparse product's gradient so that the encoder trains through propagation.
   */
  public static LightGcnEncoder build(ModelGraph graph, Ops tf, LightGcnSettings settings) {
    SparseMatMulGradient.ensureRegistered();
    Variable<TFloat32> users =
        table(graph, tf, "user_embedding", graph.dataset().numUsers(), settings);
    Variable<TFloat32> items =
        table(graph, tf, "item_embedding", graph.dataset().numItems(), settings);
    return new LightGcnEncoder(tf, settings, users, items,
        NormalizedAdjacency.of(tf.withSubScope("adjacency"), graph.dataset().trainMatrix()));
  }

  private static Variable<TFloat32> table(ModelGraph graph, Ops tf, String name, int rows,
      LightGcnSettings settings) {
    long seed = graph.nextSeed();
    Operand<TFloat32> init = tf.math.mul(
        tf.random.randomStandardNormal(tf.constant(Shape.of(rows, settings.dim())),
            TFloat32.class, RandomStandardNormal.seed(seed), RandomStandardNormal.seed2(seed >>> 17)),
        tf.constant((float) settings.initStd()));
    return tf.withName(name).variable(init);
  }

  public LightGcnSettings settings() {
    return settings;
  }

  /** The train graph's normalised adjacency (augmentations reweight its edges). */
  public NormalizedAdjacency adjacency() {
    return adjacency;
  }

  /** The layer-0 (ego) tables. */
  public UserItemTables layer0() {
    return layer0;
  }

  /** The pooled tables over the train graph. */
  public UserItemTables encode() {
    return propagation.propagate(tf, adjacency, layer0);
  }

  /** The pooled tables over another adjacency with the same edges (an augmented view). */
  public UserItemTables encode(NormalizedAdjacency view) {
    return propagation.propagate(tf, view, layer0);
  }

  /** The pooled tables with a different adjacency at every layer (random-walk views). */
  public UserItemTables encode(List<NormalizedAdjacency> perLayer) {
    return propagation.propagate(tf, perLayer, layer0);
  }

  /**
   * The pooled tables with, at each layer, the adjacency built from that layer's input (adaptive
   * views such as AdaGCL's learned edge weights).
   */
  public UserItemTables encode(GraphPropagation.LayerAdjacency perLayer) {
    return propagation.propagate(tf, perLayer, layer0);
  }

  /** {@code reg * 0.5 * ||layer-0 rows of the batch||^2 / batch}. */
  public Operand<TFloat32> regularization(TripleBatch batch) {
    return RankingOps.l2(tf, (float) settings.reg(), batch.users(),
        RankingOps.rows(tf, layer0.users(), batch.users()),
        RankingOps.rows(tf, layer0.items(), batch.positives()),
        RankingOps.rows(tf, layer0.items(), batch.negatives()));
  }

  /** The trainable layer-0 tables. */
  public List<Variable<TFloat32>> variables() {
    return List.of(users, items);
  }
}
