package org.ddrm.core.ddrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.ddrm.api.nn.NoiseSchedule;
import org.junit.jupiter.api.Test;

class NoiseScheduleTest {
  private static final double SCALE = 1e-4;
  private static final double MIN = 1e-4;
  private static final double MAX = 1e-3;
  private static final double FIRST = 1e-5;

  /** The variance 1 - abar of the un-overridden schedule at step t of T. */
  private static double variance(int t, int steps) {
    return SCALE * (MIN + (MAX - MIN) * t / (steps - 1));
  }

  @Test
  void betasAfterTheFirstKeepTheVarianceLinear() {
    NoiseSchedule schedule = NoiseSchedule.linearVariance(20, SCALE, MIN, MAX, FIRST);
    assertThat(schedule.steps()).isEqualTo(20);
    for (int t = 1; t < 20; t++) {
      double expected = 1 - (1 - variance(t, 20)) / (1 - variance(t - 1, 20));
      assertThat(schedule.beta(t)).isCloseTo(expected, within(1e-15));
    }
  }

  @Test
  void firstBetaIsOverriddenAndCumulativeAlphasAreRecomputed() {
    NoiseSchedule schedule = NoiseSchedule.linearVariance(20, SCALE, MIN, MAX, FIRST);
    assertThat(schedule.beta(0)).isEqualTo(FIRST);
    assertThat(schedule.alphaCumprod(0)).isCloseTo(1 - FIRST, within(1e-15));
    // The betas telescope: abar_t = (1 - first) (1 - v_t) / (1 - v_0).
    for (int t = 1; t < 20; t++) {
      double expected = (1 - FIRST) * (1 - variance(t, 20)) / (1 - variance(0, 20));
      assertThat(schedule.alphaCumprod(t)).isCloseTo(expected, within(1e-14));
      assertThat(schedule.signalScale(t)).isCloseTo(Math.sqrt(expected), within(1e-14));
      assertThat(schedule.noiseScale(t)).isCloseTo(Math.sqrt(1 - expected), within(1e-9));
    }
  }

  @Test
  void betasAreClippedBelowOne() {
    NoiseSchedule schedule = NoiseSchedule.linearVariance(2, 1.0, 0.1, 1 - 1e-7, 0.01);
    assertThat(schedule.beta(1)).isEqualTo(NoiseSchedule.MAX_BETA);
  }

  @Test
  void aSingleStepScheduleHasOnlyTheFirstBeta() {
    NoiseSchedule schedule = NoiseSchedule.linearVariance(1, SCALE, MIN, MAX, FIRST);
    assertThat(schedule.betas()).containsExactly(FIRST);
  }

  @Test
  void posteriorCoefficientsFollowTheGaussianPosterior() {
    NoiseSchedule schedule = NoiseSchedule.linearVariance(6, 0.5, 0.1, 0.6, 0.02);
    double product = 1;
    for (int t = 0; t < 6; t++) {
      double beta = schedule.beta(t);
      double previous = product;
      product *= 1 - beta;
      assertThat(schedule.posteriorCoefficientOfStart(t))
          .isCloseTo(Math.sqrt(previous) * beta / (1 - product), within(1e-12));
      assertThat(schedule.posteriorCoefficientOfCurrent(t))
          .isCloseTo(Math.sqrt(1 - beta) * (1 - previous) / (1 - product), within(1e-12));
    }
    // At t = 0 the posterior mean is the predicted x_0 itself.
    assertThat(schedule.posteriorCoefficientOfStart(0)).isCloseTo(1, within(1e-12));
    assertThat(schedule.posteriorCoefficientOfCurrent(0)).isCloseTo(0, within(1e-12));
  }

  @Test
  void inferenceRecomputesTheScheduleOnlyForMoreSteps() {
    DdrmSettings longer = DdrmSettings.from(DdrmFixture.settings(
        Map.of("steps", "5", "inference_steps", "8", "noise_scale", "0.01")));
    NoiseSchedule inference = longer.inferenceSchedule();
    assertThat(inference.steps()).isEqualTo(8);
    for (int t = 1; t < 8; t++) {
      double v = 0.01 * (MIN + (MAX - MIN) * t / 7);
      double vPrevious = 0.01 * (MIN + (MAX - MIN) * (t - 1) / 7);
      assertThat(inference.beta(t)).isCloseTo(1 - (1 - v) / (1 - vPrevious), within(1e-15));
    }
    DdrmSettings shorter = DdrmSettings.from(DdrmFixture.settings(
        Map.of("steps", "5", "inference_steps", "3")));
    assertThat(shorter.inferenceSchedule().betas()).containsExactly(shorter.trainingSchedule().betas());
  }

  @Test
  void invalidSchedulesAreRejectedWithTheKey() {
    assertThatThrownBy(() -> NoiseSchedule.linearVariance(0, SCALE, MIN, MAX, FIRST))
        .hasMessageContaining("steps must be at least 1");
    assertThatThrownBy(() -> DdrmSettings.from(DdrmFixture.settings(Map.of("first_beta", "0"))))
        .hasMessageContaining("ddrm.first_beta");
    assertThatThrownBy(() -> DdrmSettings.from(DdrmFixture.settings(Map.of("activation", "gelu"))))
        .hasMessage("ddrm.activation: expected one of sigmoid, relu, tanh, got 'gelu'");
  }
}
