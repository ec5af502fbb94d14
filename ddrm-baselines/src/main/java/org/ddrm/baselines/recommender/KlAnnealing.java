package org.ddrm.baselines.recommender;

/**
 * MultiVAE's KL annealing: the weight of the KL term after {@code step} updates is
 * {@code min(cap, step / totalSteps)} (Liang et al. 2018, the authors' code: cap 0.2 reached after
 * 200,000 updates at the latest).
 *
 * @param cap the largest weight
 * @param totalSteps updates over which the weight would reach 1
 */
record KlAnnealing(double cap, long totalSteps) {
  KlAnnealing {
    if (!(cap >= 0) || totalSteps <= 0) {
      throw new IllegalArgumentException(
          "KL annealing needs cap >= 0 and positive steps, got " + cap + " and " + totalSteps);
    }
  }

  /** The KL weight of the update that follows {@code step} earlier updates. */
  double weight(long step) {
    return Math.min(cap, (double) step / totalSteps);
  }
}
