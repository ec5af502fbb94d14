package org.ddrm.api.nn;

/**
 * The diffusion schedule of DDRM and DiffRec in double precision: betas, cumulative alphas and the
 * coefficients of the forward process and of the posterior mean, indexed by step 0..T-1.
 *
 * <p>{@link #linearVariance} is DiffRec's "linear-var" schedule as used by both references:
 * the variance {@code 1 - abar} grows linearly from {@code scale * min} to {@code scale * max};
 * the betas that produce it are {@code 1 - abar[0]} and {@code 1 - abar[t] / abar[t-1]}
 * (clipped to {@value #MAX_BETA}); then {@code betas[0]} is overridden by {@code firstBeta} and the
 * cumulative alphas are recomputed from the betas.
 */
public final class NoiseSchedule {
  /** Largest beta DiffRec allows when turning a variance schedule into betas. */
  public static final double MAX_BETA = 0.999;

  private final double[] betas;
  private final double[] alphasCumprod;

  private NoiseSchedule(double[] betas) {
    for (int t = 0; t < betas.length; t++) {
      if (!(betas[t] > 0 && betas[t] <= 1)) {
        throw new IllegalArgumentException(
            "noise schedule: beta[" + t + "] = " + betas[t] + " lies outside (0, 1]");
      }
    }
    this.betas = betas;
    this.alphasCumprod = new double[betas.length];
    double product = 1;
    for (int t = 0; t < betas.length; t++) {
      product *= 1 - betas[t];
      alphasCumprod[t] = product;
    }
  }

  /**
   * The "linear-var" schedule with its first beta overridden.
   *
   * @param steps number of diffusion steps T (at least 1)
   * @param scale noise scale s
   * @param min noise minimum (before scaling)
   * @param max noise maximum (before scaling)
   * @param firstBeta the value that replaces {@code betas[0]}
   */
  public static NoiseSchedule linearVariance(
      int steps, double scale, double min, double max, double firstBeta) {
    if (steps < 1) {
      throw new IllegalArgumentException("noise schedule: steps must be at least 1, got " + steps);
    }
    double start = scale * min;
    double end = scale * max;
    double[] alphaBar = new double[steps];
    for (int t = 0; t < steps; t++) {
      double variance = steps == 1 ? start : start + (end - start) * t / (steps - 1);
      alphaBar[t] = 1 - variance;
    }
    double[] betas = new double[steps];
    betas[0] = 1 - alphaBar[0];
    for (int t = 1; t < steps; t++) {
      betas[t] = Math.min(1 - alphaBar[t] / alphaBar[t - 1], MAX_BETA);
    }
    betas[0] = firstBeta;
    return new NoiseSchedule(betas);
  }

  public int steps() {
    return betas.length;
  }

  public double beta(int t) {
    return betas[t];
  }

  /** {@code abar_t}, the product of {@code 1 - beta_s} for s = 0..t. */
  public double alphaCumprod(int t) {
    return alphasCumprod[t];
  }

  /** {@code abar_{t-1}}, with {@code abar_{-1} = 1}. */
  public double alphaCumprodPrevious(int t) {
    return t == 0 ? 1 : alphasCumprod[t - 1];
  }

  /** Weight of {@code x_0} in the forward process: {@code sqrt(abar_t)}. */
  public double signalScale(int t) {
    return Math.sqrt(alphasCumprod[t]);
  }

  /** Standard deviation of the forward noise: {@code sqrt(1 - abar_t)}. */
  public double noiseScale(int t) {
    return Math.sqrt(1 - alphasCumprod[t]);
  }

  /** Posterior-mean weight of the predicted {@code x_0}: {@code beta_t sqrt(abar_{t-1}) / (1 - abar_t)}. */
  public double posteriorCoefficientOfStart(int t) {
    return betas[t] * Math.sqrt(alphaCumprodPrevious(t)) / (1 - alphasCumprod[t]);
  }

  /** Posterior-mean weight of {@code x_t}: {@code (1 - abar_{t-1}) sqrt(alpha_t) / (1 - abar_t)}. */
  public double posteriorCoefficientOfCurrent(int t) {
    return (1 - alphaCumprodPrevious(t)) * Math.sqrt(1 - betas[t]) / (1 - alphasCumprod[t]);
  }

  /** The posterior mean {@code coef1_t * start + coef2_t * current}, coordinate-wise. */
  public double[] posteriorMean(int t, double[] start, double[] current) {
    double[] mean = new double[start.length];
    for (int k = 0; k < mean.length; k++) {
      mean[k] = posteriorCoefficientOfStart(t) * start[k]
          + posteriorCoefficientOfCurrent(t) * current[k];
    }
    return mean;
  }

  /** The betas, in step order (a copy). */
  public double[] betas() {
    return betas.clone();
  }
}
