package org.ddrm.baselines.recommender;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Graph blocks on batches of rows shared by the interaction-vector models. Random ops take their
 * shape from an input (a placeholder's shape), never from a tensor on a gradient path: random ops
 * have no gradient.
 */
final class RowOps {
  private RowOps() {}

  /** The shape [B, width] for the B rows of a fed {@code [B]} or {@code [B, ...]} input. */
  static Operand<TInt32> rowsTimes(Ops tf, Operand<?> input, int width) {
    Operand<TInt32> rows = tf.slice(tf.shape(input), tf.constant(new int[] {0}),
        tf.constant(new int[] {1}));
    return tf.concat(java.util.List.of(rows, tf.constant(new int[] {width})), tf.constant(0));
  }

  /** Sum over the last axis of a [B, n] matrix, shape [B]. */
  static Operand<TFloat32> rowSums(Ops tf, Operand<TFloat32> x) {
    return tf.reduceSum(x, tf.constant(1));
  }

  /** Mean over the last axis of a [B, n] matrix, shape [B]. */
  static Operand<TFloat32> rowMeans(Ops tf, Operand<TFloat32> x) {
    return tf.math.mean(x, tf.constant(1));
  }

  /** Mean of a vector. */
  static Operand<TFloat32> mean(Ops tf, Operand<TFloat32> vector) {
    return tf.math.mean(vector, tf.constant(0));
  }

  /** Sum of squares of every entry of every variable (read through identity). */
  static Operand<TFloat32> squaredNorms(Ops tf, java.util.List<Variable<TFloat32>> variables) {
    Operand<TFloat32> sum = tf.constant(0f);
    for (Variable<TFloat32> variable : variables) {
      sum = tf.math.add(sum, squaredNorm(tf, tf.identity(variable)));
    }
    return sum;
  }

  /** Sum of squares of every entry. */
  static Operand<TFloat32> squaredNorm(Ops tf, Operand<TFloat32> x) {
    return tf.reduceSum(tf.math.square(x), tf.range(tf.constant(0), tf.rank(x), tf.constant(1)));
  }
}
