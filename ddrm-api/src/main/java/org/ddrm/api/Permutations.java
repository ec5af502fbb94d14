package org.ddrm.api;

import java.util.random.RandomGenerator;

/** Shuffles that depend on the generator alone, so that one seed gives one epoch order. */
public final class Permutations {
  private Permutations() {}

  /** Fisher-Yates shuffle of {@code values} in place, starting from their current order. */
  public static void shuffle(int[] values, RandomGenerator random) {
    for (int k = values.length - 1; k > 0; k--) {
      int j = random.nextInt(k + 1);
      int swap = values[k];
      values[k] = values[j];
      values[j] = swap;
    }
  }
}
