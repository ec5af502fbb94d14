package org.ddrm.core.train;

import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;
import org.ddrm.api.ModelGraph;
import org.ddrm.api.Setting;
import org.ddrm.api.SettingSpec;
import org.ddrm.api.Settings;
import org.ddrm.api.ValueRule;

/**
 * How a run's one seed drives every random draw of the run; the single place that derives them.
 *
 * <ul>
 *   <li>TF op seeds: one sequence per run ({@link #opSeeds}), drawn in graph-building order by
 *       {@link TfGraphContext#nextSeed()} (initialisers) and {@link TfGraphContext#nextOpSeed()}
 *       (training-time draws, combined in the graph with the step key {@code epoch << 32 |
 *       batch}), so a draw's seed depends only on the seed and the order the models are built in.
 *   <li>Java-side sampling: each epoch of each stage gets a generator of its own
 *       ({@link #epochGenerators}), mixed from the stage's seed, the stage's index and the epoch,
 *       so a resumed stage draws what the uninterrupted one drew and stages share no stream.
 *   <li>{@code denoise.seed}: when set, the frozen-backend denoiser's stage (index 1) takes it
 *       instead of the run's seed, for its Java-side sampling and for its ops
 *       ({@link #denoiserGraph}); each of its op draws still advances the run's sequence, so the
 *       backend's ops, and with them its cache key, are those of the run without it.
 * </ul>
 */
public final class SeedPolicy {
  /** The run's seed. */
  public static final Setting<Long> SEED = Setting.wholeNumber(new SettingSpec("seed", "2024",
      "seed of Java-side sampling and of every TF op")
      .withRule(ValueRule.integerAtLeast(Long.MIN_VALUE)));
  /** The setting that gives a frozen-backend denoiser's stage a seed of its own. */
  public static final Setting<Long> DENOISER_SEED = Setting.wholeNumber(new SettingSpec(
      "denoise.seed", "", "seed of the frozen-backend denoiser stage's ops and sampling (empty:"
          + " the run's seed); denoisers of several seeds then share one cached backend")
      .withRule(ValueRule.integerAtLeast(Long.MIN_VALUE)));
  /** The index of the frozen-backend denoiser's stage. */
  private static final int DENOISER_STAGE = 1;

  private final long runSeed;
  private final OptionalLong denoiserSeed;

  private SeedPolicy(long runSeed, OptionalLong denoiserSeed) {
    this.runSeed = runSeed;
    this.denoiserSeed = denoiserSeed;
  }

  /** The policy of a run's settings: {@code seed}, and {@code denoise.seed} when not blank. */
  public static SeedPolicy of(Settings settings) {
    return new SeedPolicy(SEED.read("", settings), denoiserSeed(settings));
  }

  /** {@code denoise.seed}, when the settings hold it and it is not blank. */
  public static OptionalLong denoiserSeed(Settings settings) {
    String key = DENOISER_SEED.key();
    boolean set = settings.contains(key) && !settings.getString(key).isBlank();
    return set ? OptionalLong.of(DENOISER_SEED.read("", settings)) : OptionalLong.empty();
  }

  public long runSeed() {
    return runSeed;
  }

  /** The seed of a stage's Java-side sampling. */
  public long stageSeed(int stageIndex) {
    return stageIndex == DENOISER_STAGE ? denoiserSeed.orElse(runSeed) : runSeed;
  }

  /** The generators of one stage's epochs (1-based). */
  public IntFunction<RandomGenerator> epochGenerators(int stageIndex) {
    long seed = stageSeed(stageIndex);
    return epoch -> new SplittableRandom(mix(mix(seed + 0x9E3779B97F4A7C15L * (stageIndex + 1))
        + 0xBF58476D1CE4E5B9L * epoch));
  }

  /**
   * The graph the frozen-backend denoiser is built on: the run's, or with {@code denoise.seed}
   * one whose op seeds come from that seed.
   */
  public static ModelGraph denoiserGraph(ModelGraph runGraph, OptionalLong denoiserSeed) {
    return denoiserSeed.isPresent()
        ? new StageSeededGraph(runGraph, opSeeds(denoiserSeed.getAsLong())) : runGraph;
  }

  /** The sequence of op seeds drawn from {@code seed}. */
  static SplittableRandom opSeeds(long seed) {
    return new SplittableRandom(seed ^ 0x5DEECE66DL);
  }

  /** Stafford's variant 13 of the 64-bit finaliser of MurmurHash3 (as in SplittableRandom). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
