package org.ddrm.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.ddrm.api.ModelGraph;
import org.ddrm.core.config.MapSettings;
import org.ddrm.core.data.SyntheticDataGenerator;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;

class SeedPolicyTest {
  private static SeedPolicy seeded(long seed) {
    return SeedPolicy.of(MapSettings.of(Map.of("seed", String.valueOf(seed))));
  }

  private static long firstDraw(RandomGenerator random) {
    return random.nextLong();
  }

  @Test
  void anEpochsGeneratorDependsOnlyOnSeedStageAndEpoch() {
    SeedPolicy seeds = seeded(7);
    assertThat(firstDraw(seeds.epochGenerators(0).apply(3)))
        .isEqualTo(firstDraw(seeded(7).epochGenerators(0).apply(3)))
        .isNotEqualTo(firstDraw(seeds.epochGenerators(0).apply(4)))
        .isNotEqualTo(firstDraw(seeds.epochGenerators(1).apply(3)))
        .isNotEqualTo(firstDraw(seeded(8).epochGenerators(0).apply(3)));
  }

  @Test
  void theDenoiserSeedChangesOnlyTheDenoiserStage() {
    SeedPolicy plain = SeedPolicy.of(MapSettings.of(Map.of("seed", "7", "denoise.seed", "")));
    SeedPolicy own = SeedPolicy.of(MapSettings.of(Map.of("seed", "7", "denoise.seed", "9")));
    assertThat(SeedPolicy.denoiserSeed(MapSettings.of(Map.of("denoise.seed", " ")))).isEmpty();
    assertThat(own.stageSeed(0)).isEqualTo(plain.stageSeed(0)).isEqualTo(7);
    assertThat(own.stageSeed(1)).isEqualTo(9);
    assertThat(plain.stageSeed(1)).isEqualTo(7);
    assertThat(firstDraw(own.epochGenerators(0).apply(1)))
        .isEqualTo(firstDraw(plain.epochGenerators(0).apply(1)));
  }

  @Test
  void aDenoiserGraphWithItsOwnSeedLeavesTheRunsLaterOpSeedsAsTheyWere() {
    try (Graph a = new Graph(); Graph b = new Graph()) {
      TfGraphContext plainRun = new TfGraphContext(a, SyntheticDataGenerator.generateDefault(), 7);
      TfGraphContext seededRun = new TfGraphContext(b, SyntheticDataGenerator.generateDefault(), 7);
      long plainDenoiserSeed = plainRun.nextSeed();
      ModelGraph denoiser = SeedPolicy.denoiserGraph(seededRun, OptionalLong.of(9));
      assertThat(denoiser.nextSeed()).isNotEqualTo(plainDenoiserSeed);
      assertThat(seededRun.nextSeed()).isEqualTo(plainRun.nextSeed());
      assertThat(SeedPolicy.denoiserGraph(plainRun, OptionalLong.empty())).isSameAs(plainRun);
    }
  }
}
