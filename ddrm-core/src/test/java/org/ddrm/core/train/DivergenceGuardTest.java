package org.ddrm.core.train;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DivergenceGuardTest {
  private final DivergenceGuard guard = new DivergenceGuard();

  @Test
  void aNanLossStopsTheRunNamingStageEpochAndBatch() {
    assertThatThrownBy(() -> guard.onBatch("backend", 3, 17, Double.NaN))
        .isInstanceOf(TrainingDivergedException.class)
        .hasMessageContaining("backend loss is NaN at epoch 3, batch 17");
  }

  @Test
  void infiniteLossIsDivergenceToo() {
    assertThatThrownBy(() -> guard.onBatch("denoiser", 1, 2, Double.POSITIVE_INFINITY))
        .hasMessageContaining("epoch 1, batch 2");
  }

  @Test
  void finiteFallingLossPasses() {
    assertThatCode(() -> {
      guard.onBatch("backend", 1, 1, 0.69);
      guard.onBatch("backend", 1, 2, 0.5);
      guard.onBatch("backend", 2, 1, 0.01);
    }).doesNotThrowAnyException();
  }

  @Test
  void aLossOrdersOfMagnitudeAboveTheFirstIsDivergence() {
    guard.onBatch("backend", 1, 1, 0.69);
    guard.onBatch("backend", 1, 2, 500.0);
    assertThatThrownBy(() -> guard.onBatch("backend", 1, 3, 7e13))
        .isInstanceOf(TrainingDivergedException.class)
        .hasMessageContaining("backend loss grew to 7.000e+13 at epoch 1, batch 3")
        .hasMessageContaining("first batch's 0.6900");
  }

  @Test
  void aFirstLossNearZeroMayGrowWithinTheFloor() {
    guard.onBatch("denoiser", 1, 1, 1e-6);
    assertThatCode(() -> guard.onBatch("denoiser", 1, 2, 5.0)).doesNotThrowAnyException();
    assertThatThrownBy(() -> guard.onBatch("denoiser", 1, 3, 11.0))
        .isInstanceOf(TrainingDivergedException.class);
  }
}
