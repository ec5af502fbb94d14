package org.ddrm.baselines.recommender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ddrm.api.nn.NoiseSchedule;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** DiffRec's schedule (T=5, scale 0.5, min 1e-3, max 1e-2, first beta 1e-5) in closed form. */
class GaussianDiffusionTest {
  private static final int T = 5;
  private static final double FIRST = 1e-5;
  private final NoiseSchedule schedule = NoiseSchedule.linearVariance(T, 0.5, 1e-3, 1e-2, FIRST);

  /** The linear variance of step t before the first beta is overridden. */
  private static double variance(int t) {
    return 0.5 * (1e-3 + (1e-2 - 1e-3) * t / (T - 1));
  }

  /** abar_t in closed form: the betas telescope to (1 - first) (1 - v_t) / (1 - v_0). */
  private static double alphaBar(int t) {
    return t == 0 ? 1 - FIRST : (1 - FIRST) * (1 - variance(t)) / (1 - variance(0));
  }

  @Test
  void cumulativeAlphasFollowTheLinearVarianceSchedule() {
    for (int t = 0; t < T; t++) {
      assertThat(schedule.alphaCumprod(t)).isCloseTo(alphaBar(t), within(1e-14));
    }
  }

  @Test
  void lossWeightsAreTheDropInSignalToNoiseAndOneAtStepZero() {
    assertThat(GaussianDiffusion.lossWeight(schedule, 0)).isEqualTo(1.0);
    for (int t = 1; t < T; t++) {
      double snrPrevious = alphaBar(t - 1) / (1 - alphaBar(t - 1));
      double snr = alphaBar(t) / (1 - alphaBar(t));
      assertThat(GaussianDiffusion.lossWeight(schedule, t))
          .isCloseTo(snrPrevious - snr, within(1e-6 * snrPrevious));
    }
    // Step 1's weight is about 1/FIRST: the first beta dominates.
    assertThat(GaussianDiffusion.lossWeight(schedule, 1)).isCloseTo(1 / FIRST, within(2_000.0));
  }

  @Test
  void theGraphNoisesAndTakesPosteriorMeansAsTheClosedForms() {
    float[] start = {1f, 0f, 1f};
    float[] current = {0.8f, 0.3f, -0.2f};
    float[] eps = {0.5f, -1f, 2f};
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      GaussianDiffusion diffusion = new GaussianDiffusion(tf, schedule);
      Operand<TFloat32> x0 = tf.constant(new float[][] {start, start});
      Operand<TFloat32> noise = tf.constant(new float[][] {eps, eps});
      Operand<TFloat32> noised = diffusion.noised(tf, x0, tf.constant(new int[] {0, 3}), noise);
      Operand<TFloat32> mean = diffusion.posteriorMean(tf, 3, tf.constant(new float[][] {start}),
          tf.constant(new float[][] {current}));
      Operand<TFloat32> lastStep = diffusion.posteriorMean(tf, 0,
          tf.constant(new float[][] {start}), tf.constant(new float[][] {current}));
      try (Result result = session.runner().fetch(noised).fetch(mean).fetch(lastStep).run()) {
        float[] noisedValues = values(result, 0, 6);
        float[] meanValues = values(result, 1, 3);
        float[] lastValues = values(result, 2, 3);
        for (int k = 0; k < 3; k++) {
          for (int row = 0; row < 2; row++) {
            int t = row == 0 ? 0 : 3;
            double expected =
                Math.sqrt(alphaBar(t)) * start[k] + Math.sqrt(1 - alphaBar(t)) * eps[k];
            assertThat((double) noisedValues[row * 3 + k]).isCloseTo(expected, within(1e-6));
          }
          double beta = 1 - alphaBar(3) / alphaBar(2);
          double coefStart = beta * Math.sqrt(alphaBar(2)) / (1 - alphaBar(3));
          double coefCurrent = (1 - alphaBar(2)) * Math.sqrt(1 - beta) / (1 - alphaBar(3));
          assertThat((double) meanValues[k])
              .isCloseTo(coefStart * start[k] + coefCurrent * current[k], within(1e-5));
          // At t = 0 the posterior mean is the predicted x_0 itself.
          assertThat((double) lastValues[k]).isCloseTo(start[k], within(1e-6));
        }
      }
    }
  }

  private static float[] values(Result result, int index, int size) {
    float[] values = new float[size];
    ((TFloat32) result.get(index)).copyTo(DataBuffers.of(values, false, false));
    return values;
  }
}
