package org.ddrm.api;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gather;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Graph building blocks every embedding model shares: row lookup, dot products, BPR. */
public final class RankingOps {
  private RankingOps() {}

  /** Rows {@code ids} of {@code table}. */
  public static Operand<TFloat32> rows(Ops tf, Operand<TFloat32> table, Operand<TInt32> ids) {
    return tf.gather(table, ids, tf.constant(0), Gather.batchDims(0L));
  }

  /** Row-wise inner products of two [B, d] matrices, shape [B]. */
  public static Operand<TFloat32> dot(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    return tf.reduceSum(tf.math.mul(a, b), tf.constant(1));
  }

  /** Per-example BPR loss {@code -log sigmoid(pos - neg)}, computed stably as softplus. */
  public static Operand<TFloat32> bprPerExample(
      Ops tf, Operand<TFloat32> positiveScores, Operand<TFloat32> negativeScores) {
    return tf.math.softplus(tf.math.sub(negativeScores, positiveScores));
  }

  /** Scores of {@code users} over every item: [B, d] x [numItems, d]^T. */
  public static Operand<TFloat32> innerProductScores(
      Ops tf, Operand<TFloat32> userVectors, Operand<TFloat32> itemTable) {
    return tf.linalg.matMul(userVectors, itemTable,
        org.tensorflow.op.linalg.MatMul.transposeB(true));
  }

  /** {@code weight * 0.5 * sum of squares / batch}: the usual L2 term on a batch's embeddings. */
  @SafeVarargs
  public static Operand<TFloat32> l2(Ops tf, float weight, Operand<TInt32> batchUsers,
      Operand<TFloat32> first, Operand<TFloat32>... more) {
    Operand<TFloat32> sum = tf.reduceSum(tf.math.square(first), tf.constant(new int[] {0, 1}));
    for (Operand<TFloat32> m : more) {
      sum = tf.math.add(sum, tf.reduceSum(tf.math.square(m), tf.constant(new int[] {0, 1})));
    }
    Operand<TFloat32> batch = tf.dtypes.cast(tf.size(batchUsers), TFloat32.class);
    return tf.math.mul(tf.constant(0.5f * weight), tf.math.div(sum, batch));
  }
}
