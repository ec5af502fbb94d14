package org.ddrm.baselines.recommender;

import org.ddrm.api.RankingOps;
import org.ddrm.api.nn.NoiseSchedule;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * DiffRec's Gaussian diffusion over interaction vectors on a {@link NoiseSchedule}: the forward
 * process {@code x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps}, the posterior mean
 * {@code coef1_t x0_hat + coef2_t x_t} of a reverse step, and the loss weight of an x_0-predicting
 * model, {@code SNR(t-1) - SNR(t)} with {@code SNR(t) = abar_t / (1 - abar_t)} and weight 1 at
 * t = 0. Coefficients are computed in double precision and enter the graph as float constants.
 */
final class GaussianDiffusion {
  private final NoiseSchedule schedule;
  private final Operand<TFloat32> signal;
  private final Operand<TFloat32> noise;
  private final Operand<TFloat32> lossWeights;

  GaussianDiffusion(Ops tf, NoiseSchedule schedule) {
    this.schedule = schedule;
    int steps = schedule.steps();
    float[] signalScales = new float[steps];
    float[] noiseScales = new float[steps];
    float[] weights = new float[steps];
    for (int t = 0; t < steps; t++) {
      signalScales[t] = (float) schedule.signalScale(t);
      noiseScales[t] = (float) schedule.noiseScale(t);
      weights[t] = (float) lossWeight(schedule, t);
    }
    this.signal = vector(tf, signalScales);
    this.noise = vector(tf, noiseScales);
    this.lossWeights = vector(tf, weights);
  }

  NoiseSchedule schedule() {
    return schedule;
  }

  /** {@code abar_t / (1 - abar_t)}. */
  static double signalToNoise(NoiseSchedule schedule, int t) {
    return schedule.alphaCumprod(t) / (1 - schedule.alphaCumprod(t));
  }

  /** The reweighting of step t's x_0 error: {@code SNR(t-1) - SNR(t)}, and 1 at t = 0. */
  static double lossWeight(NoiseSchedule schedule, int t) {
    return t == 0 ? 1 : signalToNoise(schedule, t - 1) - signalToNoise(schedule, t);
  }

  /** {@code x_t} for a step per row: x0 [B, n], steps [B], eps [B, n]. */
  Operand<TFloat32> noised(Ops tf, Operand<TFloat32> x0, Operand<TInt32> steps,
      Operand<TFloat32> eps) {
    return tf.math.add(tf.math.mul(column(tf, RankingOps.rows(tf, signal, steps)), x0),
        tf.math.mul(column(tf, RankingOps.rows(tf, noise, steps)), eps));
  }

  /** The loss weight of each row's step, [B]. */
  Operand<TFloat32> lossWeights(Ops tf, Operand<TInt32> steps) {
    return RankingOps.rows(tf, lossWeights, steps);
  }

  /** The posterior mean of {@code x_{t-1}}: {@code coef1_t start + coef2_t current}. */
  Operand<TFloat32> posteriorMean(Ops tf, int step, Operand<TFloat32> start,
      Operand<TFloat32> current) {
    return tf.math.add(
        tf.math.mul(tf.constant((float) schedule.posteriorCoefficientOfStart(step)), start),
        tf.math.mul(tf.constant((float) schedule.posteriorCoefficientOfCurrent(step)), current));
  }

  private static Operand<TFloat32> vector(Ops tf, float[] values) {
    return tf.constant(Shape.of(values.length), DataBuffers.of(values, true, false));
  }

  private static Operand<TFloat32> column(Ops tf, Operand<TFloat32> vector) {
    return tf.expandDims(vector, tf.constant(1));
  }
}
