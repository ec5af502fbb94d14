package org.ddrm.baselines.recommender;

import org.ddrm.api.UserItemMatrix;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * EASE's closed form (Steck 2019) in the graph: {@code P = (X^T X + lambda I)^-1},
 * {@code B = I - P diag(1 / diag(P))}, i.e. {@code B_ij = -P_ij / P_jj} off the diagonal and 0 on
 * it; a user's scores are {@code x_u B}. The inverse is taken in float64 (LU, TensorFlow's
 * {@code MatrixInverse}); about five dense [items, items] matrices are alive at its peak.
 */
final class Ease {
  /** Bytes per entry of the dense item-item matrices the closed form holds at once, summed. */
  static final long BYTES_PER_ENTRY = 4 + 8 + 8 + 8 + 4;

  private Ease() {}

  /** The [items, items] weights B. */
  static Operand<TFloat32> weights(Ops tf, UserItemMatrix train, double lambda) {
    int items = train.numItems();
    Operand<TFloat64> gram = tf.dtypes.cast(TrainGram.of(tf, train), TFloat64.class);
    Operand<TFloat64> regularised = tf.linalg.matrixSetDiag(gram,
        tf.math.add(tf.linalg.tensorDiagPart(gram), tf.constant(lambda)), tf.constant(0));
    Operand<TFloat64> p = tf.linalg.inv(regularised);
    Operand<TFloat64> b = tf.math.div(tf.math.neg(p),
        tf.expandDims(tf.linalg.tensorDiagPart(p), tf.constant(0)));
    Operand<TFloat64> zeroDiagonal = tf.linalg.matrixSetDiag(b,
        tf.zeros(tf.constant(new int[] {items}), TFloat64.class), tf.constant(0));
    return tf.dtypes.cast(zeroDiagonal, TFloat32.class);
  }

  /** The closed form's peak memory for {@code items} items, in bytes (approximately). */
  static long peakBytes(long items) {
    return items * items * BYTES_PER_ENTRY;
  }
}
