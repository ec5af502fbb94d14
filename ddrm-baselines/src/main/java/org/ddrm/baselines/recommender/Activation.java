package org.ddrm.baselines.recommender;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The hidden-layer activations the recommenders offer. */
enum Activation {
  TANH,
  SIGMOID,
  RELU;

  Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return switch (this) {
      case TANH -> tf.math.tanh(x);
      case SIGMOID -> tf.math.sigmoid(x);
      case RELU -> tf.nn.relu(x);
    };
  }
}
