package org.ddrm.api.nn;

import java.util.List;
import java.util.function.LongSupplier;
import org.ddrm.api.UserRows;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.types.TFloat32;

/**
 * A fully connected layer {@code x W + b} initialised as in DiffRec and DDRM: weights normal with
 * variance {@code 2 / (fanIn + fanOut)}, biases normal with standard deviation 1e-3, each drawn by
 * a seeded op.
 */
public final class DenseLayer {
  public static final float BIAS_STD = 1e-3f;

  private final Variable<TFloat32> weight;
  private final Variable<TFloat32> bias;
  private final Operand<TFloat32> weightView;
  private final Operand<TFloat32> biasView;

  /** Adds the layer's variables under the sub-scope {@code name}, seeded from {@code seeds}. */
  public DenseLayer(Ops tf, String name, int fanIn, int fanOut, LongSupplier seeds) {
    Ops scope = tf.withSubScope(name);
    float weightStd = (float) Math.sqrt(2.0 / (fanIn + fanOut));
    this.weight = scope.withName("weight")
        .variable(normal(scope, Shape.of(fanIn, fanOut), weightStd, seeds.getAsLong()));
    this.bias = scope.withName("bias")
        .variable(normal(scope, Shape.of(fanOut), BIAS_STD, seeds.getAsLong()));
    // Variables are read through identity: some ops fed a variable directly crash addGradients.
    this.weightView = scope.identity(weight);
    this.biasView = scope.identity(bias);
  }

  /** Normal values of the given shape and standard deviation from a seeded op. */
  public static Operand<TFloat32> normal(Ops tf, Shape shape, float std, long seed) {
    return tf.math.mul(
        tf.random.randomStandardNormal(tf.constant(shape), TFloat32.class,
            RandomStandardNormal.seed(seed), RandomStandardNormal.seed2(seed >>> 17)),
        tf.constant(std));
  }

  /** {@code x W + b} for x of shape [B, fanIn]. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return tf.math.add(tf.linalg.matMul(x, weightView), biasView);
  }

  /**
   * {@code x W + b} for the rows x of {@code rows} whose entries hold {@code values} (see
   * {@link UserRows#times}): a sparse product, the dense rows never made.
   */
  public Operand<TFloat32> apply(Ops tf, UserRows rows, Operand<TFloat32> values) {
    return tf.math.add(rows.times(tf, values, weightView), biasView);
  }

  /** The weight matrix [fanIn, fanOut] as the layer reads it (for weight penalties). */
  public Operand<TFloat32> weight() {
    return weightView;
  }

  /** The bias [fanOut] as the layer reads it. */
  public Operand<TFloat32> bias() {
    return biasView;
  }

  public List<Variable<TFloat32>> variables() {
    return List.of(weight, bias);
  }
}
