package org.ddrm.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs whose last stage has nothing to train (history-mean, MostPop, ItemKNN, EASE) end to end:
 * no epoch, the full-ranking evaluation of every model.
 */
class OnePassRunTest {
  @TempDir Path dir;

  @Test
  void historyMeanScoresWhatDdrmReportsAsItsStartingPointOnTheSameCachedBackend() {
    List<String> cached = new ArrayList<>(ExperimentTest.SMALL_MF);
    cached.remove("cache.enabled=false");
    cached.addAll(List.of("cache.dir=" + dir.resolve("cache"), "tf.deterministic=true"));
    List<String> ddrm = new ArrayList<>(cached);
    ddrm.addAll(List.of("denoiser=ddrm", "denoise.epochs=1", "denoise.eval_every=1",
        "denoise.min_epochs=1", "denoise.batch_size=256", "ddrm.hidden=16", "ddrm.steps=5",
        "ddrm.inference_steps=5", "ddrm.propagation_layers=1"));
    List<String> historyMean = new ArrayList<>(cached);
    historyMean.addAll(List.of("denoiser=history-mean", "history-mean.propagation_layers=1"));

    RunResult denoised = run("ddrm", ddrm);
    RunResult start = run("history-mean", historyMean);

    assertThat(start.stages()).extracting(StageOutcome::name)
        .containsExactly("backend", "denoiser");
    assertThat(start.stages().get(0).cachedFrom()).startsWith(dir.resolve("cache").toString());
    assertThat(start.stages().get(1).epochsRun()).isZero();
    assertThat(start.startingPoint()).isEmpty();
    assertThat(start.test().means())
        .isEqualTo(denoised.startingPoint().orElseThrow().test());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mostpop", "itemknn", "ease"})
  void aOnePassRecommenderRunsNoEpochAndBeatsRandomRanking(String name) {
    RunResult result = run(name, List.of("recommender=" + name, "data.synthetic.users=300",
        "data.synthetic.items=200", "eval.ks=10,20"));
    assertThat(result.stages()).singleElement().satisfies(stage -> {
      assertThat(stage.name()).isEqualTo(name);
      assertThat(stage.epochsRun()).isZero();
    });
    // Random ranking of ~190 candidate items puts 20/190 of a user's test items in the top 20.
    assertThat(result.test().metric("recall@20")).isGreaterThan(2 * 20.0 / 190);
    assertThat(dir.resolve(name).resolve("metrics.json")).isRegularFile();
  }

  @Test
  void anUnknownMissRuleIsRefusedBeforeTraining() {
    List<String> settings = new ArrayList<>(ExperimentTest.SMALL_MF);
    settings.add("denoise.count_misses=never");
    assertThatThrownBy(() -> run("bad", settings))
        .hasMessageContaining("'denoise.count_misses' = 'never'")
        .hasMessageEndingWith("must be one of always, after_min_epochs");
    assertThat(dir.resolve("bad").resolve("curve.tsv")).doesNotExist();
  }

  private RunResult run(String name, List<String> overrides) {
    return ExperimentTest.run(dir.resolve(name), overrides);
  }
}
