package org.ddrm.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ddrm.api.LossPart;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt32;
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

  /** Table rows after each step of {@code sum(gather(table, idx) * w)}, idx fed per step. */
  private static float[][][] tableAfterSteps(AdamOptimizer.Kind kind, boolean alsoDense,
      int[]... steps) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Variable<TFloat32> table = tf.withName("table").variable(tf.constant(new float[][] {
          {1f, 2f}, {3f, 4f}, {5f, 6f}, {7f, 8f}}));
      var view = tf.identity(table);
      var idx = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      var rows = tf.gather(view, idx, tf.constant(0));
      Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(rows, tf.constant(new float[] {0.5f, -2f})),
          tf.constant(new int[] {0, 1}));
      if (alsoDense) {
        loss = tf.math.add(loss, tf.reduceSum(tf.linalg.matMul(view, tf.constant(new float[][] {
            {1f}, {1f}})), tf.constant(new int[] {0, 1})));
      }
      Op step = new AdamOptimizer(LR, true, kind).minimize(graph, tf, "adam", loss, List.of(table));
      float[][][] after = new float[steps.length][4][2];
      try (Session session = new Session(graph)) {
        session.initialize();
        for (int s = 0; s < steps.length; s++) {
          try (TInt32 fed = TInt32.vectorOf(steps[s])) {
            session.runner().feed(idx, fed).addTarget(step).run();
          }
          try (Result result = session.runner().fetch(table).run()) {
            TFloat32 values = (TFloat32) result.get(0);
            for (int r = 0; r < 4; r++) {
              for (int c = 0; c < 2; c++) {
                after[s][r][c] = values.getFloat(r, c);
              }
            }
          }
        }
      }
      return after;
    }
  }

  @Test
  void lazyAdamMovesOnlyTheGatheredRowsAndMatchesAdamOnThem() {
    int[][] steps = {{0, 1, 1}, {2}};
    float[][][] dense = tableAfterSteps(AdamOptimizer.Kind.ADAM, false, steps);
    float[][][] lazy = tableAfterSteps(AdamOptimizer.Kind.LAZY_ADAM, false, steps);
    // first step: both from zero moments, so untouched rows stay and touched rows agree
    for (int r = 0; r < 4; r++) {
      for (int c = 0; c < 2; c++) {
        assertThat(lazy[0][r][c]).isCloseTo(dense[0][r][c], within(1e-6f));
      }
    }
    assertThat(lazy[0][0][0]).isCloseTo(1f - (float) LR, within(1e-6f));
    assertThat(lazy[0][2]).containsExactly(5f, 6f);
    // second step touches row 2 only: dense Adam moves rows 0 and 1 on by their momentum, lazy
    // Adam leaves them; row 2 takes the same step in both (same moments, same bias correction)
    assertThat(lazy[1][0]).containsExactly(lazy[0][0]);
    assertThat(lazy[1][1]).containsExactly(lazy[0][1]);
    assertThat(dense[1][0][0]).isLessThan(dense[0][0][0] - 1e-4f);
    assertThat(lazy[1][2][0]).isCloseTo(dense[1][2][0], within(1e-6f));
    assertThat(lazy[1][2][1]).isCloseTo(dense[1][2][1], within(1e-6f));
    assertThat(lazy[1][3]).containsExactly(7f, 8f);
  }

  @Test
  void lazyAdamTakesTheDenseStepOnATableTheLossAlsoReadsWhole() {
    int[][] steps = {{0, 1}, {2}, {2, 3}};
    float[][][] dense = tableAfterSteps(AdamOptimizer.Kind.ADAM, true, steps);
    float[][][] lazy = tableAfterSteps(AdamOptimizer.Kind.LAZY_ADAM, true, steps);
    assertThat(lazy).isDeepEqualTo(dense);
  }
}
