package org.ddrm.api.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Random graph ops with explicit per-op seeds (TF Java has no graph-level seed): pass a seed from
 * {@code ModelGraph.nextSeed()}. Shapes are given as tensors so that callers can take them from a
 * fed placeholder rather than from a trained value (random ops have no gradient).
 */
public final class SeededOps {
  private SeededOps() {}

  /** Standard normal values of the given shape. */
  public static Operand<TFloat32> standardNormal(Ops tf, Operand<TInt32> shape, long seed) {
    return tf.random.randomStandardNormal(shape, TFloat32.class,
        RandomStandardNormal.seed(seed), RandomStandardNormal.seed2(seed >>> 17));
  }

  /**
   * Inverted dropout: zeroes each entry of x with probability {@code rate} and scales the rest by
   * {@code 1 / (1 - rate)}; {@code shape} is x's shape.
   */
  public static Operand<TFloat32> dropout(Ops tf, Operand<TFloat32> x, Operand<TInt32> shape,
      double rate, long seed) {
    if (rate == 0) {
      return x;
    }
    Operand<TFloat32> keep = tf.dtypes.cast(
        tf.math.greaterEqual(uniform(tf, shape, seed), tf.constant((float) rate)), TFloat32.class);
    return tf.math.mul(x, tf.math.mul(keep, tf.constant((float) (1 / (1 - rate)))));
  }

  /** Uniform values in [0, 1) of the given shape. */
  public static Operand<TFloat32> uniform(Ops tf, Operand<TInt32> shape, long seed) {
    return tf.random.randomUniform(shape, TFloat32.class,
        RandomUniform.seed(seed), RandomUniform.seed2(seed >>> 17));
  }
}
