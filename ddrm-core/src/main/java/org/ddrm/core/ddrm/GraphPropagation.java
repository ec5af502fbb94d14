package org.ddrm.core.ddrm;

import java.util.List;
import org.ddrm.api.UserItemMatrix;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.op.sparse.SparseTensorDenseMatMul;
import org.tensorflow.types.TFloat32;

/**
 * LightGCN propagation of a backend's embeddings over the symmetric-normalised train graph:
 * {@code E_{l+1} = A E_l} for {@code l < L}, pooled over layers 0..L either by their mean
 * (LightGCN; the DDRM reference applies it to MF embeddings) or by the sum of the layers with
 * every row L2-normalised (the reference's SGL row).
 */
final class GraphPropagation {
  private static final float NORM_FLOOR_SQUARED = 1e-24f;

  private final SparseConstant adjacency;
  private final int numUsers;
  private final int numItems;
  private final int layers;
  private final DdrmSettings.Pooling pooling;

  GraphPropagation(Ops tf, UserItemMatrix train, int layers, DdrmSettings.Pooling pooling) {
    this.adjacency = SparseConstant.normalizedAdjacency(tf, train);
    this.numUsers = train.numUsers();
    this.numItems = train.numItems();
    this.layers = layers;
    this.pooling = pooling;
  }

  /** The pooled user and item tables, in that order. */
  List<Operand<TFloat32>> propagate(Ops tf, Operand<TFloat32> users, Operand<TFloat32> items) {
    Operand<TFloat32> layer = tf.concat(List.of(users, items), tf.constant(0));
    Operand<TFloat32> pooled = pool(tf, layer);
    for (int l = 0; l < layers; l++) {
      layer = adjacency.times(tf, layer);
      pooled = tf.math.add(pooled, pool(tf, layer));
    }
    if (pooling == DdrmSettings.Pooling.MEAN) {
      pooled = tf.math.mul(pooled, tf.constant(1f / (layers + 1)));
    }
    return List.of(
        tf.slice(pooled, tf.constant(new int[] {0, 0}), tf.constant(new int[] {numUsers, -1})),
        tf.slice(pooled, tf.constant(new int[] {numUsers, 0}), tf.constant(new int[] {numItems, -1})));
  }

  private Operand<TFloat32> pool(Ops tf, Operand<TFloat32> layer) {
    return pooling == DdrmSettings.Pooling.MEAN ? layer : l2NormalizeRows(tf, layer);
  }

  /** Each row divided by its L2 norm (rows of norm below 1e-12 are scaled by 1e12). */
  static Operand<TFloat32> l2NormalizeRows(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> squared = tf.reduceSum(tf.math.square(x), tf.constant(1), ReduceSum.keepDims(true));
    return tf.math.mul(x, tf.math.rsqrt(tf.math.maximum(squared, tf.constant(NORM_FLOOR_SQUARED))));
  }

  /**
   * Registers a gradient for {@code SparseTensorDenseMatMul} (TensorFlow has none in C++), needed
   * only when the backend trains through the propagation (joint mode). The gradient of the dense
   * input is {@code A^T g}; the constant sparse inputs get zeros. Registration is process-wide and
   * idempotent: a gradient registered earlier (by us or by another plugin) is kept.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static synchronized void ensureSparseMatMulGradient() {
    TensorFlow.registerCustomGradient(SparseTensorDenseMatMul.Inputs.class,
        (tf, inputs, gradients) -> {
          Operand gradient = gradients.get(0);
          Operand denseGradient = tf.sparse.sparseTensorDenseMatMul(inputs.aIndices, inputs.aValues,
              inputs.aShape, gradient, SparseTensorDenseMatMul.adjointA(!inputs.adjointA));
          return List.of(tf.zerosLike(inputs.aIndices), tf.zerosLike(inputs.aValues),
              tf.zerosLike(inputs.aShape), denseGradient);
        });
  }
}
