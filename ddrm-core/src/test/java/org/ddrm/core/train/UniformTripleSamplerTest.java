package org.ddrm.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.ddrm.api.Interactions;
import org.ddrm.api.TripleBatch;
import org.ddrm.api.UserItemMatrix;
import org.junit.jupiter.api.Test;

class UniformTripleSamplerTest {
  // User 0 has 4 of 6 items, user 1 has 1, user 2 has none (never drawn).
  private final UserItemMatrix train = UserItemMatrix.of(3, 6,
      Interactions.of(new int[] {0, 0, 0, 0, 1}, new int[] {0, 2, 3, 5, 4}));
  private final UniformTripleSampler sampler =
      new UniformTripleSampler(train, new TripleBatch(null, null, null), 2);

  @Test
  void negativesAreNeverTrainPositivesAndPositivesAlwaysAre() {
    sampler.startEpoch(new SplittableRandom(7));
    int[][] triples = sampler.triples();
    for (int epoch = 0; epoch < 200; epoch++) {
      sampler.startEpoch(new SplittableRandom(epoch));
      triples = sampler.triples();
      for (int k = 0; k < triples[0].length; k++) {
        assertThat(train.contains(triples[0][k], triples[1][k])).isTrue();
        assertThat(train.contains(triples[0][k], triples[2][k])).isFalse();
        assertThat(triples[0][k]).isNotEqualTo(2);
      }
    }
  }

  @Test
  void anEpochHasOneTriplePerTrainPairInCeilBatches() {
    assertThat(sampler.examplesPerEpoch()).isEqualTo(5);
    assertThat(sampler.batchesPerEpoch()).isEqualTo(3);
  }

  @Test
  void sameSeedDrawsTheSameTriples() {
    sampler.startEpoch(new SplittableRandom(42));
    int[][] first = sampler.triples();
    sampler.startEpoch(new SplittableRandom(42));
    assertThat(sampler.triples()).isDeepEqualTo(first);
  }
}
