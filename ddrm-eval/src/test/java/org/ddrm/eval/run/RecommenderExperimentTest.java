package org.ddrm.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.ddrm.core.plugin.ProviderRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The stand-alone recommenders end to end through the experiment runner and evaluator. */
class RecommenderExperimentTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"cdae, cdae.dim=16", "multivae, multivae.dims=64;16", "diffrec, diffrec.dims=32;64"})
  void aRecommenderTrainsInOneStageNamedAfterItAndBeatsRandomRanking(String name, String small) {
    RunResult result = ExperimentTest.run(dir, List.of(
        "recommender=" + name, small.replace(';', ','), "data.synthetic.users=300",
        "data.synthetic.items=200", "train.epochs=10", "train.eval_every=5", "train.min_epochs=1",
        "train.batch_size=64", "train.lr=0.005", "eval.ks=10,20"));
    assertThat(result.stages()).hasSize(1);
    assertThat(result.stages().get(0).name()).isEqualTo(name);
    // Random ranking of ~190 candidate items puts 20/190 of a user's test items in the top 20.
    assertThat(result.test().metric("recall@20")).isGreaterThan(2 * 20.0 / 190);
    // What the run recorded loads again, as 'ddrm run --resume' does.
    RunConfig recorded = RunDirectory.recordedConfig(dir, ProviderRegistry.discover());
    assertThat(recorded.providers()).extracting(p -> p.name()).containsExactly(name);
  }

  @Test
  void aDenoiserOnARecommenderIsRefused() {
    assertThatThrownBy(() -> RunConfig.fromOverrides("x",
        List.of("recommender=cdae", "denoiser=ddrm"), ProviderRegistry.discover()))
        .hasMessageContaining("'denoiser' applies to a backend");
  }
}
