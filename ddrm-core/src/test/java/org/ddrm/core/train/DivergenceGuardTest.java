package org.ddrm.core.train;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NanGuardTest {
  private final NanGuard guard = new NanGuard();

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
  void finiteLossPasses() {
    assertThatCode(() -> guard.onBatch("backend", 1, 1, 0.69)).doesNotThrowAnyException();
  }
}
