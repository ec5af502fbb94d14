package org.ddrm.eval.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.ddrm.core.config.ConfigException;
import org.ddrm.core.plugin.ProviderRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hyper-parameter search in suites: the keys are checked, trials run with the first seed, the
 * best validation score is selected, only the selected configuration runs with the other seeds
 * and stands for the row in the table, and the report lists every trial.
 */
class SuiteSearchTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  private SuiteFile suite(String text) throws Exception {
    Files.writeString(dir.resolve("mf.properties"), """
        backend = mf
        data.synthetic.users = 200
        data.synthetic.items = 150
        mf.dim = 8
        train.epochs = 2
        train.eval_every = 1
        train.min_epochs = 1
        train.batch_size = 512
        eval.ks = 10, 20
        cache.enabled = false
        """);
    Path file = dir.resolve("search.properties");
    Files.writeString(file, text);
    return SuiteFile.load(file);
  }

  private SuiteRunner.Tally run(SuiteFile suite, Path out) {
    return new SuiteRunner(suite, out, ProviderRegistry.discover(),
        new PrintStream(progress, true, StandardCharsets.UTF_8)).run();
  }

  @Test
  void aRandomSearchSelectsOnValidationAndRunsOnlyTheSelectedConfigurationWithTheOtherSeeds()
      throws Exception {
    SuiteFile suite = suite("""
        suite.seeds = 1, 2
        suite.metrics = recall@20
        row.mf.config = mf.properties
        search.method = random
        search.budget = 3
        search.metric = recall@10
        search.range.train.lr = loguniform(0.0005, 0.05)
        search.range.mf.reg = choice(0.0001, 0.01)
        """);
    Path out = dir.resolve("out");

    assertThat(run(suite, out)).isEqualTo(new SuiteRunner.Tally(4, 0, 0, 0, 0));

    SearchPlan plan = SuiteGrid.searches(suite, out).get(0);
    assertThat(plan.complete()).isTrue();
    assertThat(plan.trials()).hasSize(3).allMatch(t -> t.cell().seed().orElseThrow() == 1L);
    SearchPlan.Trial best = plan.trials().stream()
        .max(Comparator.comparingDouble(t -> t.outcome().valid().get("recall@10"))).orElseThrow();
    assertThat(plan.selected()).contains(best);
    Path selected = out.resolve("cells").resolve(best.cell().variant().id());
    assertThat(selected.resolve("seed-1/metrics.json")).isRegularFile();
    assertThat(selected.resolve("seed-2/metrics.json")).isRegularFile();
    assertThat(Files.readString(selected.resolve("seed-2/config.properties")))
        .contains("train.lr = " + best.cell().variant().point().get("train.lr"));
    try (var cells = Files.list(out.resolve("cells"))) {
      assertThat(cells.map(p -> p.getFileName().toString()).sorted())
          .containsExactly("mf_trial-01", "mf_trial-02", "mf_trial-03");
    }

    SuiteReport.Written report = SuiteReport.write(suite, out);
    assertThat(report.table().lines()).singleElement().satisfies(line -> {
      assertThat(line.variant()).isEqualTo(best.cell().variant());
      assertThat(line.finished()).isEqualTo(2);
    });
    String md = Files.readString(out.resolve("report/results.md"));
    assertThat(md).contains("## Hyper-parameter search", "Random search, selected on validation"
        + " recall@10; each trial runs with seed 1", "3 of 3 trials finished (", "s of wall time); selected: trial "
        + (best.index() + 1), "**selected**", "| train.lr | mf.reg |",
        "train.lr = loguniform(0.0005, 0.05)");
    assertThat(out.resolve("report/plots/search-mf-train.lr.png")).isRegularFile();
    assertThat(out.resolve("report/plots/search-mf-mf.reg.png")).doesNotExist(); // a choice
    assertThat(out.resolve("report/plots/sweep-train.lr-recall@20.png")).doesNotExist();
    List<String> csv = Files.readAllLines(out.resolve("report/search.csv"));
    assertThat(csv.get(0)).isEqualTo("row,trial,train.lr,mf.reg,valid_recall@10,test_recall@20,status");
    assertThat(csv).hasSize(4).filteredOn(l -> l.endsWith(",selected")).hasSize(1);

    progress.reset();
    assertThat(run(suite, out)).isEqualTo(new SuiteRunner.Tally(0, 0, 4, 0, 0));
  }

  @Test
  void aTpeSearchProposesItsLaterTrialsFromTheFinishedOnes() throws Exception {
    SuiteFile suite = suite("""
        suite.seeds = 3
        row.mf.config = mf.properties
        search.method = tpe
        search.budget = 4
        search.startup = 2
        search.range.train.lr = loguniform(0.0005, 0.05)
        """);
    Path out = dir.resolve("out");
    // before any trial ran, only the random start-up trials are known
    assertThat(SuiteGrid.cells(suite, out)).hasSize(2);

    assertThat(run(suite, out)).isEqualTo(new SuiteRunner.Tally(4, 0, 0, 0, 0));
    assertThat(SuiteGrid.cells(suite, out)).hasSize(4);
    assertThat(SuiteGrid.searches(suite, out).get(0).selected()).isPresent();
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .contains("[1/2] mf trial 1 train.lr=", "[3/3] mf trial 3", "[4/4] mf trial 4");
  }

  @Test
  void searchKeysAreChecked() {
    assertThatThrownBy(() -> suite("row.mf.config = mf.properties\nsearch.method = bayes\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("search.method = 'bayes' is not one of grid, random, tpe");
    assertThatThrownBy(() -> suite("row.mf.config = mf.properties\nsearch.method = random\n"
        + "search.range.train.lr = uniform(0.1, 0.2)\n"))
        .hasMessageContaining("needs search.budget (trials per row)");
    assertThatThrownBy(() -> suite("row.mf.config = mf.properties\nsearch.method = random\n"
        + "search.budget = 2\nsweep.train.lr = 0.1, 0.2\nsearch.range.mf.reg = uniform(0, 1)\n"))
        .hasMessageContaining("write a swept list as search.range.KEY = choice(A, B, ...)");
    assertThatThrownBy(() -> suite("row.mf.config = mf.properties\nsearch.method = grid\n"))
        .hasMessageContaining("search.method = grid needs sweep.KEY axes");
    assertThatThrownBy(() -> suite("row.mf.config = mf.properties\nsearch.method = tpe\n"
        + "search.budget = 2\nsearch.range.mf.reg = uniform(0, 1)\nsearch.rows = mf, lgn\n"))
        .hasMessageContaining("search.rows names 'lgn', which is not a row (rows: [mf])");
    assertThatThrownBy(() -> suite("row.mf.config = mf.properties\nsearch.method = tpe\n"
        + "search.budget = 2\nsearch.range.mf.reg = uniform(0, 1)\nsearch.budgt = 3\n"))
        .hasMessageContaining("unknown search key 'search.budgt'");
  }

  @Test
  void aGridSearchRunsEveryPointWithTheFirstSeedAndTheSelectedOneWithAll() throws Exception {
    SuiteFile suite = suite("""
        suite.seeds = 1, 2
        row.mf.config = mf.properties
        row.other.config = mf.properties
        search.method = grid
        search.rows = mf
        sweep.train.lr = 0.001, 0.01
        """);
    Path out = dir.resolve("out");
    // mf: 2 grid trials with seed 1; other (not searched): 2 points x 2 seeds
    assertThat(SuiteGrid.cells(suite, out)).hasSize(2 + 4);
    assertThat(run(suite, out).finished()).isEqualTo(2 + 4 + 1);
    assertThat(SuiteGrid.variants(suite, out)).hasSize(1 + 2)
        .first().satisfies(v -> assertThat(v.trial()).isPresent());
  }
}
