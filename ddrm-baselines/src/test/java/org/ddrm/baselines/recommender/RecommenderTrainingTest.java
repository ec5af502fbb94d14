package org.ddrm.baselines.recommender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ddrm.api.RecommenderProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecommenderTrainingTest {
  static Stream<Arguments> smallModels() {
    return Stream.of(
        Arguments.of(new CdaeProvider(), Map.of("dim", "16"), 0.95),
        // The multinomial likelihood is bounded below by the rows' entropy: it falls slowly.
        Arguments.of(new MultiVaeProvider(), Map.of("dims", "32,8"), 0.995),
        Arguments.of(new DiffRecProvider(), Map.of("dims", "16,32", "step_dim", "4"), 0.9));
  }

  @ParameterizedTest
  @MethodSource("smallModels")
  void lossFallsOverAFewEpochsOnTheSyntheticData(RecommenderProvider provider,
      Map<String, String> small, double factor) {
    try (RecommenderFixture fixture = new RecommenderFixture(provider, small, 50, 0.01)) {
      List<Double> losses = fixture.train(8);
      assertThat(losses).hasSize(8).allMatch(l -> Double.isFinite(l));
      double first = losses.get(0);
      double lastTwo = (losses.get(6) + losses.get(7)) / 2;
      assertThat(lastTwo).as(provider.name() + " losses " + losses).isLessThan(factor * first);
    }
  }

  @ParameterizedTest
  @MethodSource("smallModels")
  void scoresCoverEveryItemAndDoNotDependOnTheBatch(RecommenderProvider provider,
      Map<String, String> small, double factor) {
    try (RecommenderFixture fixture = new RecommenderFixture(provider, small, 50, 0.01)) {
      fixture.train(1);
      int items = RecommenderFixture.DATA.numItems();
      float[] pair = fixture.scores(3, 11);
      float[] alone = fixture.scores(11);
      assertThat(pair).hasSize(2 * items);
      for (int i = 0; i < items; i++) {
        assertThat(Float.isFinite(pair[i])).isTrue();
        assertThat(alone[i]).isCloseTo(pair[items + i], within(1e-5f));
      }
    }
  }
}
