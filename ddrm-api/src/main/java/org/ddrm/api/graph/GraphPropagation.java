package org.ddrm.api.graph;

import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/**
 * LightGCN propagation: {@code E_{l+1} = A_l E_l} for {@code l < L} over a normalised adjacency
 * (the same one for every layer, one per layer for random-walk augmentation, or one per layer
 * built from that layer's input), pooled over layers 0..L by their mean or their sum; with
 * {@link Pooling#NORMALIZED_SUM} every propagated layer's rows are L2-normalised before they are
 * summed and propagated further ({@link Pooling}).
 */
public final class GraphPropagation {
  private static final float NORM_FLOOR_SQUARED = 1e-24f;

  private final int layers;
  private final Pooling pooling;

  public GraphPropagation(int layers, Pooling pooling) {
    if (layers < 0) {
      throw new IllegalArgumentException("propagation layers must not be negative, got " + layers);
    }
    this.layers = layers;
    this.pooling = pooling;
  }

  public int layers() {
    return layers;
  }

  public Pooling pooling() {
    return pooling;
  }

  /** The pooled tables of {@code layer0} propagated over one adjacency. */
  public UserItemTables propagate(Ops tf, NormalizedAdjacency adjacency, UserItemTables layer0) {
    return propagate(tf, Collections.nCopies(layers, adjacency), layer0);
  }

  /**
   * The pooled tables of {@code layer0} propagated with adjacency {@code perLayer.get(l)} at step
   * {@code l}.
   */
  public UserItemTables propagate(Ops tf, List<NormalizedAdjacency> perLayer,
      UserItemTables layer0) {
    if (perLayer.size() != layers) {
      throw new IllegalArgumentException(
          perLayer.size() + " adjacencies for " + layers + " propagation layers");
    }
    return propagate(tf, (step, input) -> perLayer.get(step), layer0);
  }

  /**
   * The pooled tables of {@code layer0} propagated with, at step {@code l}, the adjacency that
   * {@code perLayer} builds from that step's input tables (adaptive views, e.g. AdaGCL's learned
   * edge weights).
   */
  public UserItemTables propagate(Ops tf, LayerAdjacency perLayer, UserItemTables layer0) {
    UserItemTables layer = layer0;
    Operand<TFloat32> users = layer.users();
    Operand<TFloat32> items = layer.items();
    for (int step = 0; step < layers; step++) {
      layer = perLayer.at(step, layer).step(tf, layer);
      if (pooling == Pooling.NORMALIZED_SUM) {
        layer = new UserItemTables(l2NormalizeRows(tf, layer.users()),
            l2NormalizeRows(tf, layer.items()));
      }
      users = tf.math.add(users, layer.users());
      items = tf.math.add(items, layer.items());
    }
    if (pooling == Pooling.MEAN && layers > 0) {
      Operand<TFloat32> scale = tf.constant(1f / (layers + 1));
      users = tf.math.mul(users, scale);
      items = tf.math.mul(items, scale);
    }
    return new UserItemTables(users, items);
  }

  /** The adjacency of one propagation step, chosen from the step's input tables. */
  @FunctionalInterface
  public interface LayerAdjacency {
    /**
     * @param step the propagation step, 0 .. layers - 1
     * @param input the tables the step propagates (layer {@code step})
     */
    NormalizedAdjacency at(int step, UserItemTables input);
  }

  /** Each row divided by its L2 norm (rows of norm below 1e-12 are scaled by 1e12). */
  public static Operand<TFloat32> l2NormalizeRows(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> squared =
        tf.reduceSum(tf.math.square(x), tf.constant(1), ReduceSum.keepDims(true));
    return tf.math.mul(x, tf.math.rsqrt(tf.math.maximum(squared, tf.constant(NORM_FLOOR_SQUARED))));
  }
}
