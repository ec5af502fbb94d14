package org.ddrm.baselines.denoise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ddrm.api.TrainingHook;
import org.ddrm.testkit.KitGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class TruncatedLossTest {
  private static final float[] POSITIVE = {2.0f, -1.0f, 0.5f, 3.0f, -2.5f, 1.0f, 0.0f, -0.5f};
  private static final float[] NEGATIVE = {0.0f, 1.0f, -1.0f, 0.5f, 0.5f, -2.0f, 1.5f, 0.0f};

  @Test
  void theDropShareRisesLinearlyFromTheCounterThenStaysAtTheRate() {
    try (KitGraph f = KitGraph.onSynthetic(300, 200, 1)) {
      IterationCounter counter = IterationCounter.register(f.context(), f.tf());
      Operand<TFloat32> share = TruncatedLoss.dropShare(f.tf(), counter.iteration(), 0.2, 4);
      List<TrainingHook> hooks = f.context().hooks();
      assertThat(hooks).containsExactly(counter);
      // Unfed (outside training), the iteration is 0.
      assertThat(f.fetch(share, Map.of())[0]).isZero();
      float[] seen = new float[7];
      for (int step = 0; step < seen.length; step++) {
        seen[step] = f.fetch(share, Map.of(), hooks)[0];
      }
      assertThat(seen).containsExactly(
          new float[] {0f, 0.05f, 0.1f, 0.15f, 0.2f, 0.2f, 0.2f}, within(1e-7f));
    }
  }

  @Test
  void theBprFormDropsTheTriplesWithTheLargestLoss() {
    // Share 0.3 of 8 triples: floor(2.4) = 2 dropped.
    double[] losses = new double[8];
    for (int k = 0; k < 8; k++) {
      losses[k] = ScoreGraph.softplus(NEGATIVE[k] - POSITIVE[k]);
    }
    double[] sorted = losses.clone();
    Arrays.sort(sorted);
    double expected = Arrays.stream(sorted, 0, 6).average().orElseThrow();
    try (ScoreGraph g = new ScoreGraph(POSITIVE, NEGATIVE)) {
      TruncatedLoss truncated = truncated(g, LossForm.BPR, 3);
      List<float[]> out = g.fetch(truncated.share(), truncated.loss());
      assertThat(out.get(0)[0]).isCloseTo(0.3f, within(1e-6f));
      assertThat(out.get(1)[0]).isCloseTo((float) expected, within(1e-5f));
      // Dropped triples get no gradient; kept ones get -sigmoid(neg - pos) / kept.
      List<float[]> gradients = g.gradients(truncated.loss());
      for (int k = 0; k < 8; k++) {
        boolean kept = losses[k] <= sorted[5];
        double slope = kept ? -ScoreGraph.sigmoid(NEGATIVE[k] - POSITIVE[k]) / 6 : 0;
        assertThat(gradients.get(0)[k]).isCloseTo((float) slope, within(1e-6f));
      }
    }
  }

  @Test
  void theBceFormDropsOnlyPositivesAndAveragesOverKeptPositivesAndAllNegatives() {
    double[] positives = new double[8];
    double negatives = 0;
    for (int k = 0; k < 8; k++) {
      positives[k] = ScoreGraph.softplus(-POSITIVE[k]);
      negatives += ScoreGraph.softplus(NEGATIVE[k]);
    }
    Arrays.sort(positives);
    double expected = (Arrays.stream(positives, 0, 6).sum() + negatives) / 14;
    try (ScoreGraph g = new ScoreGraph(POSITIVE, NEGATIVE)) {
      TruncatedLoss truncated = truncated(g, LossForm.BCE, 3);
      assertThat(g.fetch(truncated.loss()).get(0)[0]).isCloseTo((float) expected, within(1e-5f));
    }
  }

  @ParameterizedTest
  @EnumSource(LossForm.class)
  void atIterationZeroNothingIsDropped(LossForm form) {
    try (ScoreGraph g = new ScoreGraph(POSITIVE, NEGATIVE)) {
      TruncatedLoss truncated = truncated(g, form, 0);
      Operand<TInt32> kept = truncated.kept();
      try (Session session = new Session(g.graph);
          var result = session.runner().fetch(kept).run()) {
        assertThat(((TInt32) result.get(0)).getInt()).isEqualTo(8);
      }
    }
  }

  /** T-CE with drop rate 0.4 over a ramp of 4 iterations, at the given iteration. */
  private static TruncatedLoss truncated(ScoreGraph g, LossForm form, int iteration) {
    return new TruncatedLoss(g.tf, g.scores, form, g.tf.constant(iteration), 0.4, 4);
  }
}
