package org.ddrm.core.ddrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ddrm.api.nn.NoiseSchedule;
import org.ddrm.core.train.TfGraphContext;
import org.ddrm.api.nn.SeededOps;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class DiffusionProcessTest {
  private static final int DRAWS = 20_000;
  private static final float[] X0 = {0.8f, -0.4f, 0.1f, 1.5f};
  private static final NoiseSchedule SCHEDULE = NoiseSchedule.linearVariance(10, 1.0, 0.05, 0.6, 0.01);

  /** Empirical mean and variance, per coordinate, of DRAWS forward draws at one step. */
  private static double[][] moments(DdrmSettings.DynamicNoise dynamic, float[] x0, int step) {
    try (Graph graph = new Graph()) {
      TfGraphContext context = new TfGraphContext(graph, DdrmFixture.twoClusters(), 3);
      Ops tf = context.tf();
      DiffusionProcess process = new DiffusionProcess(tf, SCHEDULE, dynamic);
      float[][] rows = new float[DRAWS][];
      int[] steps = new int[DRAWS];
      for (int r = 0; r < DRAWS; r++) {
        rows[r] = x0;
        steps[r] = step;
      }
      Operand<TFloat32> start = tf.constant(rows);
      Operand<TInt32> stepIds = tf.constant(steps);
      Operand<TFloat32> noised = process.noised(tf, start, stepIds,
          SeededOps.standardNormal(tf, tf.shape(start), context.nextOpSeed()));
      try (Session session = new Session(graph); Result result = session.runner().fetch(noised).run()) {
        float[] values = DdrmFixture.flat((TFloat32) result.get(0));
        int d = x0.length;
        double[] mean = new double[d];
        double[] variance = new double[d];
        for (int r = 0; r < DRAWS; r++) {
          for (int c = 0; c < d; c++) {
            mean[c] += values[r * d + c] / (double) DRAWS;
          }
        }
        for (int r = 0; r < DRAWS; r++) {
          for (int c = 0; c < d; c++) {
            double diff = values[r * d + c] - mean[c];
            variance[c] += diff * diff / (DRAWS - 1);
          }
        }
        return new double[][] {mean, variance};
      }
    }
  }

  @Test
  void forwardDrawsHaveTheClosedFormMeanAndVariance() {
    int step = 7;
    double abar = 1;
    for (int t = 0; t <= step; t++) {
      abar *= 1 - SCHEDULE.beta(t);
    }
    double[][] moments = moments(DdrmSettings.DynamicNoise.NONE, X0, step);
    double std = Math.sqrt(1 - abar);
    for (int c = 0; c < X0.length; c++) {
      // Mean within 5 standard errors; variance within 5 % (its relative error is ~1 %).
      assertThat(moments[0][c]).isCloseTo(Math.sqrt(abar) * X0[c], within(5 * std / Math.sqrt(DRAWS)));
      assertThat(moments[1][c]).isCloseTo(1 - abar, within(0.05 * (1 - abar)));
    }
  }

  @Test
  void dynamicNoiseScalesTheVarianceByTheRowsOwnSpread() {
    int step = 4;
    double abar = SCHEDULE.alphaCumprod(step);
    double mean = 0;
    double squares = 0;
    for (float v : X0) {
      mean += v / X0.length;
      squares += v * v / (double) X0.length;
    }
    double rowVariance = squares - mean * mean;
    double[][] std = moments(DdrmSettings.DynamicNoise.STD, X0, step);
    double[][] norm = moments(DdrmSettings.DynamicNoise.NORM, X0, step);
    for (int c = 0; c < X0.length; c++) {
      assertThat(std[1][c]).isCloseTo((1 - abar) * rowVariance, within(0.05 * (1 - abar) * rowVariance));
      assertThat(norm[1][c]).isCloseTo((1 - abar) * squares, within(0.05 * (1 - abar) * squares));
    }
  }

  @Test
  void posteriorMeanMatchesBayesRule() {
    float[] start = {0.5f, -1.0f, 2.0f};
    float[] current = {0.7f, -0.2f, 1.1f};
    try (Graph graph = new Graph()) {
      TfGraphContext context = new TfGraphContext(graph, DdrmFixture.twoClusters(), 3);
      Ops tf = context.tf();
      DiffusionProcess process = new DiffusionProcess(tf, SCHEDULE, DdrmSettings.DynamicNoise.NONE);
      for (int t : new int[] {0, 3, 9}) {
        Operand<TFloat32> mean = process.posteriorMean(tf, t, tf.constant(new float[][] {start}),
            tf.constant(new float[][] {current}));
        double abar = 1;
        for (int s = 0; s <= t; s++) {
          abar *= 1 - SCHEDULE.beta(s);
        }
        double beta = SCHEDULE.beta(t);
        double abarPrevious = abar / (1 - beta);
        try (Session session = new Session(graph); Result result = session.runner().fetch(mean).run()) {
          float[] values = DdrmFixture.flat((TFloat32) result.get(0));
          for (int c = 0; c < start.length; c++) {
            double expected = Math.sqrt(1 - beta) * (1 - abarPrevious) / (1 - abar) * current[c]
                + Math.sqrt(abarPrevious) * beta / (1 - abar) * start[c];
            assertThat((double) values[c]).isCloseTo(expected, within(1e-5));
          }
        }
      }
    }
  }
}
