package org.ddrm.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ZeroLossStopTest {
  private static EpochReport epoch(int epoch, double loss) {
    return new EpochReport("denoiser", epoch, loss, 1.0, 100, Map.of());
  }

  @Test
  void aSmallLossGoesOnAndAnExactlyZeroLossStopsTheStage() {
    ZeroLossStop guard = new ZeroLossStop();
    guard.onEpochEnd(epoch(1, 0.03));
    guard.onEpochEnd(epoch(2, 1e-30));
    assertThat(guard.stopRequested()).isFalse();
    guard.onEpochEnd(epoch(3, 0.0));
    assertThat(guard.stopRequested()).isTrue();
  }
}
