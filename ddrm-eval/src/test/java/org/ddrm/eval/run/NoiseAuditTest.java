package org.ddrm.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseAuditTest {
  @TempDir Path dir;

  @Test
  void aucIsTheShareOfCleanPlantedPairsOrderedRightWithTiesCountingHalf() {
    // clean {3, 2}, planted {1, 2}: pairs (3,1) (3,2) (2,1) win, (2,2) ties -> (3 + 0.5) / 4.
    assertThat(NoiseAudit.auc(List.of(3.0, 2.0), List.of(1.0, 2.0))).isCloseTo(0.875, within(1e-12));
    assertThat(NoiseAudit.auc(List.of(0.0), List.of(1.0, 2.0))).isZero();
    assertThat(NoiseAudit.auc(List.of(5.0, 6.0), List.of(1.0))).isEqualTo(1.0);
    assertThat(NoiseAudit.auc(List.of(), List.of(1.0))).isNaN();
  }

  @Test
  void aRunOnPlantedNoiseReportsTheAuditInItsMetrics() {
    List<String> overrides = new ArrayList<>(ExperimentTest.SMALL_MF);
    RunResult result = ExperimentTest.run(dir, overrides);
    assertThat(result.noiseAudit()).isPresent();
    NoiseAudit.Outcome audit = result.noiseAudit().get();
    assertThat(audit.scorer()).isEqualTo("none");
    assertThat(audit.planted()).isPositive();
    assertThat(audit.clean()).isGreaterThan(audit.planted());
    assertThat(audit.auc()).isBetween(0.0, 1.0);
  }
}
