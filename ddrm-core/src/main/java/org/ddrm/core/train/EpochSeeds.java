package org.ddrm.core.train;

import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;

/**
 * The Java-side random generator of every epoch, derived from the run's seed, the stage's index
 * and the epoch alone. An epoch therefore draws the same batches in a run resumed from a
 * checkpoint as in the uninterrupted run, and stages do not share one stream.
 */
public final class EpochSeeds {
  private EpochSeeds() {}

  /** The generators of one stage's epochs (1-based). */
  public static IntFunction<RandomGenerator> of(long runSeed, int stageIndex) {
    return epoch -> new SplittableRandom(mix(mix(runSeed + 0x9E3779B97F4A7C15L * (stageIndex + 1))
        + 0xBF58476D1CE4E5B9L * epoch));
  }

  /** Stafford's variant 13 of the 64-bit finaliser of MurmurHash3 (as in SplittableRandom). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
