package org.ddrm.baselines.recommender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KlAnnealingTest {
  private final KlAnnealing annealing = new KlAnnealing(0.2, 200_000);

  @ParameterizedTest
  @CsvSource({"0, 0.0", "1, 0.000005", "20000, 0.1", "39999, 0.199995", "40000, 0.2",
      "40001, 0.2", "1000000, 0.2"})
  void weightRisesLinearlyToTheCap(long step, double expected) {
    assertThat(annealing.weight(step)).isCloseTo(expected, within(1e-12));
  }

  @Test
  void stepsMustBePositive() {
    assertThatThrownBy(() -> new KlAnnealing(0.2, 0)).hasMessageContaining("positive steps");
  }
}
