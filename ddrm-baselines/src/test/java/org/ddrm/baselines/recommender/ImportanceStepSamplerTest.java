package org.ddrm.baselines.recommender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImportanceStepSamplerTest {
  @Test
  void drawsUniformlyWithWeightOneUntilEveryStepHasAFullHistory() {
    ImportanceStepSampler sampler = new ImportanceStepSampler(3, 2, 0.0);
    sampler.record(new int[] {0, 0, 1, 1}, new float[] {1, 1, 1, 1});
    assertThat(sampler.warm()).isFalse();
    ImportanceStepSampler.Draw draw = sampler.draw(new SplittableRandom(1), 300);
    assertThat(draw.weights()).containsOnly(1f);
    assertThat(draw.steps()).contains(0, 1, 2);
    assertThat(sampler.probabilities()).containsExactly(1 / 3.0, 1 / 3.0, 1 / 3.0);
  }

  @Test
  void probabilitiesFollowTheRootMeanSquareOfTheRecentLosses() {
    ImportanceStepSampler sampler = new ImportanceStepSampler(2, 2, 0.1);
    // Step 0 sees 5 then 3 then 4 (the 5 drops out); step 1 sees 1 and 1.
    sampler.record(new int[] {0, 0, 1, 0, 1}, new float[] {5, 3, 1, 4, 1});
    assertThat(sampler.warm()).isTrue();
    double rms0 = Math.sqrt((9 + 16) / 2.0);
    double rms1 = 1;
    double[] p = sampler.probabilities();
    assertThat(p[0]).isCloseTo(0.9 * rms0 / (rms0 + rms1) + 0.05, within(1e-12));
    assertThat(p[1]).isCloseTo(0.9 * rms1 / (rms0 + rms1) + 0.05, within(1e-12));

    ImportanceStepSampler.Draw draw = sampler.draw(new SplittableRandom(5), 20_000);
    long zeros = java.util.Arrays.stream(draw.steps()).filter(t -> t == 0).count();
    assertThat(zeros / 20_000.0).isCloseTo(p[0], within(0.015));
    for (int k = 0; k < 20; k++) {
      assertThat((double) draw.weights()[k]).isCloseTo(2 * p[draw.steps()[k]], within(1e-6));
    }
  }

  @Test
  void aRestoredStateDrawsAsTheSamplerItWasTakenFrom() {
    ImportanceStepSampler sampler = new ImportanceStepSampler(3, 2, 0.1);
    sampler.record(new int[] {0, 0, 1, 1, 2, 2, 2}, new float[] {5, 3, 1, 2, 4, 0.5f, 7});
    ImportanceStepSampler resumed = new ImportanceStepSampler(3, 2, 0.1);
    resumed.restore(sampler.state());
    assertThat(resumed.warm()).isTrue();
    assertThat(resumed.probabilities()).containsExactly(sampler.probabilities());
    assertThat(resumed.draw(new SplittableRandom(7), 50).steps())
        .containsExactly(sampler.draw(new SplittableRandom(7), 50).steps());
    assertThatThrownBy(
            () -> new ImportanceStepSampler(4, 2, 0.1).restore(sampler.state()))
        .hasMessageContaining("does not fit 4 steps");
  }
}
