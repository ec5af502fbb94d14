package org.ddrm.baselines.recommender;

/**
 * AdaGCL's schedule of the hard-concrete temperature: {@code max(floor, initial * decay^(epoch -
 * 1))} in epoch {@code epoch} (1-based; the authors' {@code Main.py} counts from 0).
 *
 * @param initial the first epoch's temperature
 * @param decay factor per epoch, in [0, 1]
 * @param floor the smallest temperature
 */
record ConcreteTemperature(double initial, double decay, double floor) {
  ConcreteTemperature {
    if (!(initial > 0) || !(decay >= 0 && decay <= 1) || !(floor > 0)) {
      throw new IllegalArgumentException("hard-concrete schedule needs initial > 0, decay in"
          + " [0, 1] and floor > 0, got " + initial + ", " + decay + ", " + floor);
    }
  }

  /** The temperature of the given epoch (1-based). */
  double at(int epoch) {
    return Math.max(floor, initial * Math.pow(decay, epoch - 1));
  }
}
