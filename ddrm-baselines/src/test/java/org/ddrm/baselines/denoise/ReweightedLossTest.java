package org.ddrm.baselines.denoise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReweightedLossTest {
  private static final float[] POSITIVE = {2.0f, -1.0f, 0.5f, 3.0f, -2.5f};
  private static final float[] NEGATIVE = {0.0f, 1.0f, -1.0f, 0.5f, 0.5f};
  private static final double BETA = 0.25;
  private static final int B = POSITIVE.length;

  @Test
  void bprWeightsAreTheOrderProbabilityToTheBetaAndCarryNoGradient() {
    try (ScoreGraph g = new ScoreGraph(POSITIVE, NEGATIVE)) {
      ReweightedLoss r = new ReweightedLoss(g.tf, g.scores, LossForm.BPR, BETA);
      List<float[]> out = g.fetch(r.positiveWeights(), r.loss());
      double loss = 0;
      double[] weights = new double[B];
      for (int k = 0; k < B; k++) {
        double margin = POSITIVE[k] - NEGATIVE[k];
        weights[k] = Math.pow(ScoreGraph.sigmoid(margin), BETA);
        assertThat(out.get(0)[k]).isCloseTo((float) weights[k], within(1e-6f));
        loss += weights[k] * ScoreGraph.softplus(-margin) / B;
      }
      assertThat(out.get(1)[0]).isCloseTo((float) loss, within(1e-6f));
      // With the weight held constant: d/d pos = -w sigmoid(-margin) / B, d/d neg = its negation.
      // A weight that carried gradient would add beta w sigmoid(-margin) softplus(-margin) / B.
      List<float[]> gradients = g.gradients(r.loss());
      for (int k = 0; k < B; k++) {
        double slope = -weights[k] * ScoreGraph.sigmoid(NEGATIVE[k] - POSITIVE[k]) / B;
        assertThat(gradients.get(0)[k]).isCloseTo((float) slope, within(1e-6f));
        assertThat(gradients.get(1)[k]).isCloseTo((float) -slope, within(1e-6f));
      }
    }
  }

  @Test
  void bceWeightsPositivesAndNegativesByTheirLabelProbabilityAndCarryNoGradient() {
    try (ScoreGraph g = new ScoreGraph(POSITIVE, NEGATIVE)) {
      ReweightedLoss r = new ReweightedLoss(g.tf, g.scores, LossForm.BCE, BETA);
      double loss = 0;
      for (int k = 0; k < B; k++) {
        loss += Math.pow(ScoreGraph.sigmoid(POSITIVE[k]), BETA) * ScoreGraph.softplus(-POSITIVE[k]);
        loss += Math.pow(1 - ScoreGraph.sigmoid(NEGATIVE[k]), BETA)
            * ScoreGraph.softplus(NEGATIVE[k]);
      }
      assertThat(g.fetch(r.loss()).get(0)[0]).isCloseTo((float) (loss / (2 * B)), within(1e-6f));
      List<float[]> gradients = g.gradients(r.loss());
      for (int k = 0; k < B; k++) {
        double positive = -Math.pow(ScoreGraph.sigmoid(POSITIVE[k]), BETA)
            * ScoreGraph.sigmoid(-POSITIVE[k]) / (2 * B);
        double negative = Math.pow(1 - ScoreGraph.sigmoid(NEGATIVE[k]), BETA)
            * ScoreGraph.sigmoid(NEGATIVE[k]) / (2 * B);
        assertThat(gradients.get(0)[k]).isCloseTo((float) positive, within(1e-6f));
        assertThat(gradients.get(1)[k]).isCloseTo((float) negative, within(1e-6f));
      }
    }
  }

  @Test
  void betaZeroIsThePlainBprLoss() {
    try (ScoreGraph g = new ScoreGraph(POSITIVE, NEGATIVE)) {
      ReweightedLoss r = new ReweightedLoss(g.tf, g.scores, LossForm.BPR, 0);
      double plain = 0;
      for (int k = 0; k < B; k++) {
        plain += ScoreGraph.softplus(NEGATIVE[k] - POSITIVE[k]) / B;
      }
      List<float[]> out = g.fetch(r.positiveWeights(), r.loss());
      assertThat(out.get(0)).containsOnly(1f);
      assertThat(out.get(1)[0]).isCloseTo((float) plain, within(1e-6f));
    }
  }
}
