package org.ddrm.api.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class InfoNceTest {
  private static final float[][] IDENTITY = {{1, 0}, {0, 1}};

  private static double value(java.util.function.Function<Ops, Operand<TFloat32>> loss) {
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Operand<TFloat32> output = loss.apply(Ops.create(graph));
      try (Result result = session.runner().fetch(output).run()) {
        return ((TFloat32) result.get(0)).getFloat();
      }
    }
  }

  @Test
  void withThePositiveInTheDenominatorEachAnchorPaysLogOfOnePlusExpMinusOneOverT() {
    // Orthogonal unit rows, t = 0.5: log(e^2 + e^0) - 2 for each anchor.
    double loss = value(tf -> InfoNce.loss(tf, tf.constant(IDENTITY), tf.constant(IDENTITY),
        tf.constant(IDENTITY), 0.5));
    assertThat(loss).isCloseTo(Math.log(Math.exp(2) + 1) - 2, within(1e-6));
  }

  @Test
  void withoutThePositiveTheDenominatorHoldsOnlyTheOtherRows() {
    // -log(e^2 / e^0) = -2 for each anchor.
    double loss = value(tf -> InfoNce.lossWithoutPositive(tf, tf.constant(IDENTITY),
        tf.constant(IDENTITY), 0.5));
    assertThat(loss).isCloseTo(-2, within(1e-6));
  }
}
