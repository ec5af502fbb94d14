package org.ddrm.baselines.recommender;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * DiffRec's diffusion-step sampler. It keeps, for every step t, the last {@code history}
 * per-example losses seen at t. Until every step has a full history, steps are drawn uniformly
 * with weight 1; afterwards with probability
 * {@code p_t = (1 - u) sqrt(mean(L_t^2)) / sum_s sqrt(mean(L_s^2)) + u / T} (u the uniform share),
 * and each example's loss is divided by {@code T p_t} so the expected loss is unchanged.
 */
final class ImportanceStepSampler {
  private final int steps;
  private final int history;
  private final double uniformShare;
  private final double[][] losses;
  private final int[] counts;

  /** The steps drawn for a batch and each one's {@code T p_t} (1 under uniform sampling). */
  record Draw(int[] steps, float[] weights) {}

  ImportanceStepSampler(int steps, int history, double uniformShare) {
    if (steps < 1 || history < 1 || !(uniformShare >= 0 && uniformShare <= 1)) {
      throw new IllegalArgumentException("step sampler: steps and history must be positive and the"
          + " uniform share in [0, 1], got " + steps + ", " + history + ", " + uniformShare);
    }
    this.steps = steps;
    this.history = history;
    this.uniformShare = uniformShare;
    this.losses = new double[steps][history];
    this.counts = new int[steps];
  }

  /** Whether every step has a full loss history, so that draws follow the losses. */
  boolean warm() {
    return Arrays.stream(counts).allMatch(c -> c == history);
  }

  /** The current probability of each step. */
  double[] probabilities() {
    double[] p = new double[steps];
    if (!warm()) {
      Arrays.fill(p, 1.0 / steps);
      return p;
    }
    double sum = 0;
    for (int t = 0; t < steps; t++) {
      double squares = 0;
      for (double loss : losses[t]) {
        squares += loss * loss;
      }
      p[t] = Math.sqrt(squares / history);
      sum += p[t];
    }
    for (int t = 0; t < steps; t++) {
      p[t] = (1 - uniformShare) * (sum > 0 ? p[t] / sum : 1.0 / steps) + uniformShare / steps;
    }
    return p;
  }

  /** Draws {@code n} steps with replacement. */
  Draw draw(RandomGenerator random, int n) {
    int[] drawn = new int[n];
    float[] weights = new float[n];
    if (!warm()) {
      for (int k = 0; k < n; k++) {
        drawn[k] = random.nextInt(steps);
        weights[k] = 1f;
      }
      return new Draw(drawn, weights);
    }
    double[] p = probabilities();
    double[] cumulative = new double[steps];
    double running = 0;
    for (int t = 0; t < steps; t++) {
      running += p[t];
      cumulative[t] = running;
    }
    for (int k = 0; k < n; k++) {
      double u = random.nextDouble() * running;
      int t = 0;
      while (t < steps - 1 && u >= cumulative[t]) {
        t++;
      }
      drawn[k] = t;
      weights[k] = (float) (p[t] * steps);
    }
    return new Draw(drawn, weights);
  }

  /** Appends each example's loss to its step's history, dropping the oldest once full. */
  void record(int[] drawnSteps, float[] exampleLosses) {
    for (int k = 0; k < drawnSteps.length; k++) {
      int t = drawnSteps[k];
      if (counts[t] == history) {
        System.arraycopy(losses[t], 1, losses[t], 0, history - 1);
        losses[t][history - 1] = exampleLosses[k];
      } else {
        losses[t][counts[t]++] = exampleLosses[k];
      }
    }
  }

  /** The loss histories and their fill counts, flattened: {@code steps * (history + 1)} values. */
  double[] state() {
    double[] state = new double[steps * (history + 1)];
    for (int t = 0; t < steps; t++) {
      System.arraycopy(losses[t], 0, state, t * history, history);
      state[steps * history + t] = counts[t];
    }
    return state;
  }

  /** Takes up a {@link #state()}; an empty state (a run that saved none) leaves a cold sampler. */
  void restore(double[] state) {
    if (state.length == 0) {
      return;
    }
    if (state.length != steps * (history + 1)) {
      throw new IllegalArgumentException("a step sampler state of " + state.length
          + " values does not fit " + steps + " steps with histories of " + history);
    }
    for (int t = 0; t < steps; t++) {
      System.arraycopy(state, t * history, losses[t], 0, history);
      counts[t] = (int) state[steps * history + t];
    }
  }
}
