package org.ddrm.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.ddrm.api.ModelGraph;
import org.ddrm.core.config.MapSettings;
import org.ddrm.core.data.SyntheticDataGenerator;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;

class SeedPolicyTest {
  private static long firstDraw(RandomGenerator random) {
    return random.nextLong();
  }

  @Test
  void anEpochsGeneratorDependsOnlyOnSeedStageAndEpoch() {
    SeedPolicy seeds = SeedPolicy.of(7);
    assertThat(firstDraw(seeds.epochGenerators(0).apply(3)))
        .isEqualTo(firstDraw(SeedPolicy.of(7).epochGenerators(0).apply(3)))
        .isNotEqualTo(firstDraw(seeds.epochGenerators(0).apply(4)))
        .isNotEqualTo(firstDraw(seeds.epochGenerators(1).apply(3)))
        .isNotEqualTo(firstDraw(SeedPolicy.of(8).epochGenerators(0).apply(3)));
  }

  @Test
  void theDenoiserSeedChangesOnlyTheDenoiserStage() {
    SeedPolicy plain = SeedPolicy.of(MapSettings.of(Map.of("seed", "7", "denoise.seed", "")));
    SeedPolicy own = SeedPolicy.of(MapSettings.of(Map.of("seed", "7", "denoise.seed", "9")));
    assertThat(plain.denoiserSeed()).isEmpty();
    assertThat(own.stageSeed(0)).isEqualTo(plain.stageSeed(0)).isEqualTo(7);
    assertThat(own.stageSeed(1)).isEqualTo(9);
    assertThat(plain.stageSeed(1)).isEqualTo(7);
    assertThat(firstDraw(own.epochGenerators(0).apply(1)))
        .isEqualTo(firstDraw(plain.epochGenerators(0).apply(1)));
  }

  @Test
  void aDenoiserGraphWithItsOwnSeedLeavesTheRunsLaterOpSeedsAsTheyWere() {
    SeedPolicy own = SeedPolicy.of(MapSettings.of(Map.of("seed", "7", "denoise.seed", "9")));
    try (Graph a = new Graph(); Graph b = new Graph()) {
      TfGraphContext plainRun = new TfGraphContext(a, SyntheticDataGenerator.generateDefault(), 7);
      TfGraphContext seededRun = new TfGraphContext(b, SyntheticDataGenerator.generateDefault(), 7);
      long plainDenoiserSeed = plainRun.nextSeed();
      ModelGraph denoiser = own.denoiserGraph(seededRun);
      assertThat(denoiser.nextSeed()).isNotEqualTo(plainDenoiserSeed);
      assertThat(seededRun.nextSeed()).isEqualTo(plainRun.nextSeed());
      assertThat(SeedPolicy.of(7).denoiserGraph(plainRun)).isSameAs(plainRun);
    }
  }
}
