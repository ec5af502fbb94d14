package org.ddrm.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ddrm.api.LossPart;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Adam's first step, alone and per loss part. */
class AdamOptimizerTest {
  private static final double LR = 0.01;

  /** The value of w = 1 after one step on the parts 1000 w and w, optimised as given. */
  private static float afterOneStep(boolean separately) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Variable<TFloat32> w = tf.withName("w").variable(tf.constant(1f));
      var large = tf.math.mul(tf.constant(1000f), w);
      var small = tf.math.mul(tf.constant(1f), w);
      AdamOptimizer adam = new AdamOptimizer(LR, true);
      Op step = separately
          ? adam.minimize(graph, tf, "adam",
              List.of(new LossPart(large, List.of(w)), new LossPart(small, List.of(w))))
          : adam.minimize(graph, tf, "adam", tf.math.add(large, small), List.of(w));
      try (Session session = new Session(graph)) {
        session.initialize();
        session.runner().addTarget(step).run();
        try (Result result = session.runner().fetch(w).run()) {
          return ((TFloat32) result.get(0)).getFloat();
        }
      }
    }
  }

  @Test
  void aStepMovesByTheLearningRateOncePerPart() {
    // Adam's first update is lr * g / (|g| + eps): one lr whatever the gradient's size.
    assertThat((double) afterOneStep(false)).isCloseTo(1 - LR, within(1e-6));
    // Separate parts keep separate moments, so the small part is not drowned by the large one.
    assertThat((double) afterOneStep(true)).isCloseTo(1 - 2 * LR, within(1e-6));
  }

  @Test
  void partsOnOtherVariablesStepSideBySide() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Variable<TFloat32> w = tf.withName("w").variable(tf.constant(1f));
      Variable<TFloat32> v = tf.withName("v").variable(tf.constant(1f));
      Op step = new AdamOptimizer(LR, true).minimize(graph, tf, "adam", List.of(
          new LossPart(tf.math.mul(tf.constant(3f), w), List.of(w)),
          new LossPart(tf.math.mul(tf.constant(5f), v), List.of(v)),
          new LossPart(tf.math.add(w, v), List.of(w, v))));
      try (Session session = new Session(graph)) {
        session.initialize();
        session.runner().addTarget(step).run();
        try (Result result = session.runner().fetch(w).fetch(v).run()) {
          // each variable takes one step from its own part and one from the shared part
          for (int k = 0; k < 2; k++) {
            assertThat((double) ((TFloat32) result.get(k)).getFloat())
                .isCloseTo(1 - 2 * LR, within(1e-6));
          }
        }
      }
    }
  }
}
