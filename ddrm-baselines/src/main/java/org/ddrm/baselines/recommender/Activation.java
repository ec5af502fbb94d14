package org.ddrm.baselines.recommender;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
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

  static Activation parse(String value, String key) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": expected one of "
          + Arrays.stream(values()).map(a -> a.name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", "))
          + ", got '" + value + "'");
    }
  }
}
