package org.ddrm.api.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Random graph ops for training-time draws (noise, dropout, sampled steps). They are TensorFlow's
 * stateless ops keyed by an {@link OpSeed}, so what they draw depends only on the run's seed, the
 * op and the training step, never on how often the graph ran before: a resumed run draws what
 * the uninterrupted one drew. Shapes are given as tensors so that callers can take them from a
 * fed placeholder rather than from a trained value (random ops have no gradient).
 */
public final class SeededOps {
  private SeededOps() {}

  /** Standard normal values of the given shape. */
  public static Operand<TFloat32> standardNormal(Ops tf, Operand<TInt32> shape, OpSeed seed) {
    return tf.random.statelessRandomNormal(shape, seed.tensor(tf));
  }

  /**
   * Inverted dropout: zeroes each entry of x with probability {@code rate} and scales the rest by
   * {@code 1 / (1 - rate)}; {@code shape} is x's shape.
   */
  public static Operand<TFloat32> dropout(Ops tf, Operand<TFloat32> x, Operand<TInt32> shape,
      double rate, OpSeed seed) {
    if (rate == 0) {
      return x;
    }
    Operand<TFloat32> keep = tf.dtypes.cast(
        tf.math.greaterEqual(uniform(tf, shape, seed), tf.constant((float) rate)), TFloat32.class);
    return tf.math.mul(x, tf.math.mul(keep, tf.constant((float) (1 / (1 - rate)))));
  }

  /** Uniform values in [0, 1) of the given shape. */
  public static Operand<TFloat32> uniform(Ops tf, Operand<TInt32> shape, OpSeed seed) {
    return tf.random.statelessRandomUniform(shape, seed.tensor(tf));
  }

  /** Uniform integers in [0, bound) of the given shape. */
  public static Operand<TInt32> uniformInt(Ops tf, Operand<TInt32> shape, int bound,
      OpSeed seed) {
    return tf.random.statelessRandomUniformInt(shape, seed.tensor(tf), tf.constant(0),
        tf.constant(bound));
  }
}
