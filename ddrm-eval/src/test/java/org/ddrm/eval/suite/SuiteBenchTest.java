package org.ddrm.eval.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ddrm.core.plugin.ProviderRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timing a suite's models and judging them against a stored baseline. */
class SuiteBenchTest {
  @TempDir Path dir;

  @Test
  void timingsBeyondTheToleranceAreRegressions() throws Exception {
    Files.writeString(dir.resolve("mf.properties"), """
        backend = mf
        data.synthetic.users = 200
        data.synthetic.items = 150
        mf.dim = 8
        eval.ks = 10, 20
        """);
    Path file = dir.resolve("suite.properties");
    Files.writeString(file, """
        row.mf.config = mf.properties
        row.ghost.config = ghost.properties
        bench.baseline = baseline.json
        bench.tolerance = 1.5
        """);
    SuiteFile suite = SuiteFile.load(file);
    Files.writeString(dir.resolve("baseline.json"), """
        {"models": {"mf": {"train_seconds_per_epoch": 1e-9, "eval_seconds": 1000,
                           "peak_rss_mb": 1}}}
        """);
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    Path out = dir.resolve("out");
    SuiteBench.Outcome outcome = SuiteBench.run(suite, out, suite.bench().baseline(),
        suite.bench().tolerance(), 2, ProviderRegistry.discover(),
        new PrintStream(progress, true, StandardCharsets.UTF_8));

    assertThat(outcome.baselineFound()).isTrue();
    assertThat(outcome.timings()).hasSize(2);
    SuiteBench.Timing mf = outcome.timings().get(0);
    assertThat(mf.figures()).containsKeys(SuiteBench.FIGURES.toArray(String[]::new));
    assertThat(mf.figures().get("train_seconds_per_epoch")).isPositive();
    assertThat(outcome.timings().get(1).failure()).startsWith("config file not found");
    // Far slower than its 1e-9 s baseline, but by less than the slack: a sub-second timing.
    assertThat(outcome.regressions()).extracting(SuiteBench.Regression::figure)
        .containsExactly("peak_rss_mb");
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("mf: ", "s per epoch",
        "ghost: FAILED");
    assertThat(Files.readString(out.resolve("bench-suite.md"))).contains("| mf |", "**");
    assertThat(Files.readString(out.resolve("bench-suite.json"))).contains("\"models\"",
        "\"stage_seconds_per_epoch\"");

    // The run's own timings, stored as the baseline, pass.
    SuiteBench.storeBaseline(out, dir.resolve("stored.json"));
    Map<String, Map<String, Double>> stored =
        SuiteBench.readBaseline(dir.resolve("stored.json")).orElseThrow();
    assertThat(SuiteBench.compare(outcome.timings(), stored, 1.0)).isEmpty();

    // Stored over an existing baseline, the rows timed now replace theirs and the others stay.
    SuiteBench.storeBaseline(out, suite.bench().baseline());
    Map<String, Map<String, Double>> merged =
        SuiteBench.readBaseline(suite.bench().baseline()).orElseThrow();
    assertThat(merged.get("mf").get("eval_seconds")).isEqualTo(stored.get("mf").get("eval_seconds"));
    Files.writeString(dir.resolve("other.json"), """
        {"models": {"lightgcn": {"train_seconds_per_epoch": 5, "eval_seconds": 1,
                                 "peak_rss_mb": 900}}}
        """);
    SuiteBench.storeBaseline(out, dir.resolve("other.json"));
    assertThat(SuiteBench.readBaseline(dir.resolve("other.json")).orElseThrow())
        .containsKeys("mf", "lightgcn");
  }

  @Test
  void aTimeRegressesBeyondTheToleranceAndTheSlackTogether() {
    Map<String, Map<String, Double>> stored = Map.of("m",
        Map.of("train_seconds_per_epoch", 2.0, "eval_seconds", 0.1));
    SuiteBench.Timing slower = new SuiteBench.Timing("m",
        Map.of("train_seconds_per_epoch", 4.6, "eval_seconds", 0.4), Map.of(), "");
    assertThat(SuiteBench.compare(List.of(slower), stored, 2.0))
        .extracting(SuiteBench.Regression::figure).containsExactly("train_seconds_per_epoch");
  }
}
