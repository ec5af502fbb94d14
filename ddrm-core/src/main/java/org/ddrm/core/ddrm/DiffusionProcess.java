package org.ddrm.core.ddrm;

import org.ddrm.api.RankingOps;
import org.ddrm.api.nn.NoiseSchedule;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A {@link NoiseSchedule} on the graph: the forward process
 * {@code x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) s(x_0) eps} and the posterior mean
 * {@code coef1_t x0_hat + coef2_t x_t} of the reverse steps. The coefficients are computed in
 * double precision in Java and enter the graph as float constants.
 *
 * <p>{@code s(x_0)} is 1 unless dynamic noise is on ("Dynamic Scale" of the paper's Table 3, whose
 * exact form the paper leaves open). Our choice: each embedding's noise is scaled by a statistic
 * of the embedding itself, so that every row gets noise in proportion to its own magnitude:
 * {@code std} uses the standard deviation of the row's coordinates, {@code norm} its root mean
 * square {@code ||x_0|| / sqrt(dim)}. The scale is treated as a constant (no gradient).
 */
final class DiffusionProcess {
  private final NoiseSchedule schedule;
  private final DdrmSettings.DynamicNoise dynamicNoise;
  private final Operand<TFloat32> signal;
  private final Operand<TFloat32> noise;

  DiffusionProcess(Ops tf, NoiseSchedule schedule, DdrmSettings.DynamicNoise dynamicNoise) {
    this.schedule = schedule;
    this.dynamicNoise = dynamicNoise;
    int steps = schedule.steps();
    float[] signalScales = new float[steps];
    float[] noiseScales = new float[steps];
    for (int t = 0; t < steps; t++) {
      signalScales[t] = (float) schedule.signalScale(t);
      noiseScales[t] = (float) schedule.noiseScale(t);
    }
    this.signal = tf.constant(Shape.of(steps), DataBuffers.of(signalScales, true, false));
    this.noise = tf.constant(Shape.of(steps), DataBuffers.of(noiseScales, true, false));
  }

  NoiseSchedule schedule() {
    return schedule;
  }

  /** {@code x_t} for a step per row: x0 [B, d], steps [B], eps [B, d]. */
  Operand<TFloat32> noised(Ops tf, Operand<TFloat32> x0, Operand<TInt32> steps,
      Operand<TFloat32> eps) {
    Operand<TFloat32> signalScale = column(tf, RankingOps.rows(tf, signal, steps));
    Operand<TFloat32> noiseScale = column(tf, RankingOps.rows(tf, noise, steps));
    return tf.math.add(tf.math.mul(signalScale, x0),
        tf.math.mul(noiseScale, scaledNoise(tf, x0, eps)));
  }

  /** {@code x_t} with one step for every row. */
  Operand<TFloat32> noisedAt(Ops tf, Operand<TFloat32> x0, int step, Operand<TFloat32> eps) {
    return tf.math.add(tf.math.mul(tf.constant((float) schedule.signalScale(step)), x0),
        tf.math.mul(tf.constant((float) schedule.noiseScale(step)), scaledNoise(tf, x0, eps)));
  }

  /** The posterior mean of {@code x_{t-1}}: {@code coef1_t start + coef2_t current}. */
  Operand<TFloat32> posteriorMean(Ops tf, int step, Operand<TFloat32> start,
      Operand<TFloat32> current) {
    return tf.math.add(
        tf.math.mul(tf.constant((float) schedule.posteriorCoefficientOfStart(step)), start),
        tf.math.mul(tf.constant((float) schedule.posteriorCoefficientOfCurrent(step)), current));
  }

  private Operand<TFloat32> scaledNoise(Ops tf, Operand<TFloat32> x0, Operand<TFloat32> eps) {
    return switch (dynamicNoise) {
      case NONE -> eps;
      case STD -> tf.math.mul(eps, tf.stopGradient(rowStd(tf, x0)));
      case NORM -> tf.math.mul(eps, tf.stopGradient(rowRms(tf, x0)));
    };
  }

  /** Standard deviation of each row's coordinates, [B, 1]. */
  static Operand<TFloat32> rowStd(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> mean = tf.math.mean(x, tf.constant(1), Mean.keepDims(true));
    return tf.math.sqrt(tf.math.mean(tf.math.squaredDifference(x, mean), tf.constant(1),
        Mean.keepDims(true)));
  }

  /** Root mean square of each row, {@code ||x|| / sqrt(d)}, [B, 1]. */
  static Operand<TFloat32> rowRms(Ops tf, Operand<TFloat32> x) {
    return tf.math.sqrt(tf.math.mean(tf.math.square(x), tf.constant(1), Mean.keepDims(true)));
  }

  private static Operand<TFloat32> column(Ops tf, Operand<TFloat32> vector) {
    return tf.expandDims(vector, tf.constant(1));
  }
}
