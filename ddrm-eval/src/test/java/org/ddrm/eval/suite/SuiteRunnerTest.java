package org.ddrm.eval.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.ddrm.core.plugin.ProviderRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running a tiny suite: cells run, a missing config fails only its cells, a rerun skips, runners
 * sharing a directory run each cell once and take over a cell whose lease ran out.
 */
class SuiteRunnerTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  private SuiteRunner.Tally run(SuiteFile suite, Path out) {
    return new SuiteRunner(suite, out, ProviderRegistry.discover(),
        new PrintStream(progress, true, StandardCharsets.UTF_8)).run();
  }

  /** A tiny MF-BPR config, {@code mf.properties}, training {@code epochs} epochs. */
  private void writeMfConfig(int epochs) throws Exception {
    Files.writeString(dir.resolve("mf.properties"), """
        backend = mf
        data.synthetic.users = 200
        data.synthetic.items = 150
        mf.dim = 8
        train.eval_every = 1
        train.min_epochs = 1
        train.batch_size = 512
        eval.ks = 10, 20
        train.epochs = %d
        """.formatted(epochs));
  }

  /** The suite file {@code suite.properties} with {@code text}, read. */
  private SuiteFile suite(String text) throws Exception {
    Path file = dir.resolve("suite.properties");
    Files.writeString(file, text);
    return SuiteFile.load(file);
  }

  @Test
  void finishedCellsAreSkippedAndMissingConfigsDoNotStopTheSuite() throws Exception {
    writeMfConfig(2);
    SuiteFile suite = suite("""
        suite.seeds = 1, 2
        suite.baseline = mf
        set.cache.enabled = false
        row.ghost.config = not-yet.properties
        row.mf.config = mf.properties
        """);
    Path out = dir.resolve("out");

    SuiteRunner.Tally first = run(suite, out);
    assertThat(first).isEqualTo(new SuiteRunner.Tally(2, 2, 0, 0, 0));
    String lines = progress.toString(StandardCharsets.UTF_8);
    assertThat(lines.lines()).hasSize(4);
    assertThat(lines).contains("[1/4] ghost seed=1: FAILED: config file not found:",
        "[3/4] mf seed=1: done in", "test recall@20");
    Path metrics = out.resolve("cells/mf/seed-1/metrics.json");
    assertThat(metrics).isRegularFile();
    assertThat(Files.readString(out.resolve("cells/mf/seed-2/config.properties")))
        .contains("seed = 2");
    FileTime written = Files.getLastModifiedTime(metrics);

    progress.reset();
    SuiteRunner.Tally second = run(suite, out);
    assertThat(second).isEqualTo(new SuiteRunner.Tally(0, 2, 2, 0, 0));
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .contains("[3/4] mf seed=1: finished before, skipped");
    assertThat(Files.getLastModifiedTime(metrics)).isEqualTo(written);

    SuiteReport.Written report = SuiteReport.write(suite, out);
    List<ResultsTable.Line> table = report.table().lines();
    assertThat(table.get(0).note()).startsWith("missing: config file not found");
    assertThat(table.get(1).finished()).isEqualTo(2);
    assertThat(out.resolve("report/plots/curve-backend-loss.png")).isRegularFile();
  }

  @Test
  void aFinishedCellWhoseConfigChangedRunsAgain() throws Exception {
    writeMfConfig(1);
    SuiteFile suite = suite("""
        suite.seeds = 1
        set.cache.enabled = false
        row.mf.config = mf.properties
        """);
    Path out = dir.resolve("out");
    assertThat(run(suite, out)).isEqualTo(new SuiteRunner.Tally(1, 0, 0, 0, 0));

    writeMfConfig(2);
    progress.reset();
    assertThat(run(suite, out)).isEqualTo(new SuiteRunner.Tally(1, 0, 0, 0, 0));
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .contains("mf seed=1: settings changed since it finished (train.epochs), running again");
    assertThat(Files.readString(out.resolve("cells/mf/seed-1/curve.tsv")).lines()
        .filter(line -> line.startsWith("backend\t")).count()).isEqualTo(2);
  }

  @Test
  void aCellWithTheSettingsOfAnotherSuitesFinishedCellIsCopiedNotRun() throws Exception {
    writeMfConfig(1);
    Path table = runTableSuite();

    // a figure suite: the same row under another name, once as is and once with other settings
    SuiteFile figure = suite("""
        suite.seeds = 1
        suite.reuse = table
        set.cache.enabled = false
        row.mf.config = mf.properties
        row.mf.sweep.mf.reg = 0.0001, 0.5
        """);
    Path out = dir.resolve("figure");
    progress.reset();
    assertThat(run(figure, out)).isEqualTo(new SuiteRunner.Tally(1, 0, 0, 0, 1));
    Path reused = out.resolve("cells/mf_mf.reg=0.0001/seed-1");
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains(
        "mf mf.reg=0.0001 seed=1: finished with the same settings in "
            + table.resolve("cells/mf-bpr/seed-1") + "; reused");
    assertThat(Files.readString(reused.resolve("metrics.json")))
        .isEqualTo(Files.readString(table.resolve("cells/mf-bpr/seed-1/metrics.json")));
    assertThat(Files.readString(reused.resolve(CellDonors.REUSED_FROM)).trim())
        .isEqualTo(table.resolve("cells/mf-bpr/seed-1").toString());
    assertThat(reused.resolve("model")).doesNotExist();
    assertThat(out.resolve("cells/mf_mf.reg=0.5/seed-1/" + CellDonors.REUSED_FROM)).doesNotExist();

    progress.reset();
    assertThat(run(figure, out)).isEqualTo(new SuiteRunner.Tally(0, 0, 2, 0, 0));
  }

  @Test
  void aStaleCellWhoseNewSettingsAnotherSuiteFinishedIsCopiedNotRunAgain() throws Exception {
    writeMfConfig(1);
    SuiteFile figure = suite("""
        suite.seeds = 1
        suite.reuse = table
        set.cache.enabled = false
        row.mf.config = mf.properties
        """);
    Path out = dir.resolve("figure");
    assertThat(run(figure, out)).isEqualTo(new SuiteRunner.Tally(1, 0, 0, 0, 0));

    writeMfConfig(2);
    Path table = runTableSuite();
    progress.reset();
    assertThat(run(figure, out)).isEqualTo(new SuiteRunner.Tally(0, 0, 0, 0, 1));
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .contains("mf seed=1: settings changed since it finished (train.epochs), copying the"
            + " same settings' record")
        .doesNotContain("running again");
    assertThat(Files.readString(out.resolve("cells/mf/seed-1/metrics.json")))
        .isEqualTo(Files.readString(table.resolve("cells/mf-bpr/seed-1/metrics.json")));
  }

  /** Runs a one-cell "table" suite (row mf-bpr, seed 1) into dir/table; returns that directory. */
  private Path runTableSuite() throws Exception {
    Path table = dir.resolve("table");
    assertThat(run(suite("""
        suite.seeds = 1
        set.cache.enabled = false
        row.mf-bpr.config = mf.properties
        """), table)).isEqualTo(new SuiteRunner.Tally(1, 0, 0, 0, 0));
    return table;
  }

  @Test
  void publishedRecordsWithoutCheckpointsCarryTheSuiteOn() throws Exception {
    writeMfConfig(1);
    SuiteFile suite = suite("""
        suite.seeds = 1, 2
        suite.baseline = mf
        set.cache.enabled = false
        row.mf.config = mf.properties
        """);
    Path out = dir.resolve("out");
    assertThat(run(suite, out)).isEqualTo(new SuiteRunner.Tally(2, 0, 0, 0, 0));

    // what a clone of the committed records holds: no checkpoints, and seed 2 as if its
    // session ended mid-run (its partial files present, no metrics.json)
    try (Stream<Path> models = Files.find(out, 4, (p, a) -> p.endsWith("model"))) {
      for (Path model : models.toList()) {
        try (Stream<Path> files = Files.walk(model)) {
          for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(f);
          }
        }
      }
    }
    Files.delete(out.resolve("cells/mf/seed-2/metrics.json"));

    progress.reset();
    assertThat(run(suite, out)).isEqualTo(new SuiteRunner.Tally(1, 0, 1, 0, 0));
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .contains("[1/2] mf seed=1: finished before, skipped", "[2/2] mf seed=2: done in");
    assertThat(out.resolve("cells/mf/seed-2/per-user.tsv.gz")).isRegularFile();
    assertThat(SuiteReport.write(suite, out).table().lines().get(0).finished()).isEqualTo(2);
  }

  @Test
  void twoRunnersStartedTogetherOnOneDirectoryRunEveryCellOnce() throws Exception {
    writeMfConfig(2);
    SuiteFile suite = suite("""
        suite.seeds = 1, 2, 3
        set.cache.enabled = false
        row.mf.config = mf.properties
        """);
    Path out = dir.resolve("out");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    List<ByteArrayOutputStream> logs = List.of(new ByteArrayOutputStream(),
        new ByteArrayOutputStream());
    List<Future<SuiteRunner.Tally>> runners = new ArrayList<>();
    for (ByteArrayOutputStream log : logs) {
      runners.add(pool.submit(() -> {
        start.await();
        return new SuiteRunner(suite, out, ProviderRegistry.discover(),
            new PrintStream(log, true, StandardCharsets.UTF_8), List.of(),
            Duration.ofSeconds(30)).run();
      }));
    }
    start.countDown();
    SuiteRunner.Tally a = runners.get(0).get();
    SuiteRunner.Tally b = runners.get(1).get();
    pool.shutdown();

    assertThat(a.finished() + b.finished()).as("cells run").isEqualTo(3);
    assertThat(a.finished() + a.elsewhere()).isEqualTo(3);
    assertThat(b.finished() + b.elsewhere()).isEqualTo(3);
    String both = logs.get(0).toString(StandardCharsets.UTF_8)
        + logs.get(1).toString(StandardCharsets.UTF_8);
    for (int seed = 1; seed <= 3; seed++) {
      assertThat(both).containsOnlyOnce("mf seed=" + seed + ": done in");
      assertThat(out.resolve("cells/mf/seed-" + seed + "/metrics.json")).isRegularFile();
    }
  }

  @Test
  void aCellWhoseRunnerStoppedRenewingItsLeaseIsWaitedForThenTakenOver() throws Exception {
    writeMfConfig(1);
    SuiteFile suite = suite("""
        suite.seeds = 1
        set.cache.enabled = false
        row.mf.config = mf.properties
        """);
    Path out = dir.resolve("out");
    // what a runner killed with -9 on another machine leaves: a lease nobody renews
    Path claim = Files.createDirectories(out.resolve("cells/mf/seed-1").resolve(SuiteRunner.CLAIM));
    long expires = System.currentTimeMillis() + 3000;
    Files.writeString(claim.resolve("lease-000000000000"), "host=elsewhere\npid=4242\n"
        + "token=dead\nexpires=" + expires + "\nreleased=false\n");
    assertThat(CellOutcome.read(SuiteGrid.cells(suite, out).get(0), out).status())
        .isEqualTo(CellOutcome.Status.RUNNING);

    assertThat(run(suite, out)).isEqualTo(new SuiteRunner.Tally(1, 0, 0, 0, 0));
    assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(expires);
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains(
        "[1/1] mf seed=1: running in pid 4242 on elsewhere; left to it",
        "[1/1] mf seed=1: the lease of pid 4242 on elsewhere ran out; taking the cell over",
        "[1/1] mf seed=1: done in");
    assertThat(CellOutcome.read(SuiteGrid.cells(suite, out).get(0), out).status())
        .isEqualTo(CellOutcome.Status.FINISHED);
  }

  @Test
  void oneCellRunsByItsIndexAndAnIndexOutOfRangeNamesTheRange() throws Exception {
    writeMfConfig(1);
    SuiteFile suite = suite("""
        suite.seeds = 1, 2
        set.cache.enabled = false
        row.mf.config = mf.properties
        """);
    Path out = dir.resolve("out");
    SuiteRunner runner = new SuiteRunner(suite, out, ProviderRegistry.discover(),
        new PrintStream(progress, true, StandardCharsets.UTF_8));
    assertThat(runner.runCell(1)).isEqualTo(new SuiteRunner.Tally(1, 0, 0, 0, 0));
    assertThat(out.resolve("cells/mf/seed-2/metrics.json")).isRegularFile();
    assertThat(out.resolve("cells/mf/seed-1")).doesNotExist();
    assertThatThrownBy(() -> runner.runCell(2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cells 0 to 1");
  }

  @Test
  void aSuiteDirectoryThatCannotBeWrittenFailsItsCellsWithTheReason() throws Exception {
    writeMfConfig(1);
    SuiteFile suite = suite("""
        suite.seeds = 1
        set.cache.enabled = false
        row.mf.config = mf.properties
        """);
    Path notADirectory = Files.writeString(dir.resolve("out"), "x");
    assertThat(run(suite, notADirectory)).isEqualTo(new SuiteRunner.Tally(0, 1, 0, 0, 0));
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .contains("[1/1] mf seed=1: FAILED: cannot create the claim directory");
  }
}
