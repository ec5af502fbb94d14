package org.ddrm.eval.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.ddrm.core.plugin.ProviderRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running a tiny suite: cells run, a missing config fails only its cells, a rerun skips. */
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
    assertThat(first).isEqualTo(new SuiteRunner.Tally(2, 2, 0));
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
    assertThat(second).isEqualTo(new SuiteRunner.Tally(0, 2, 2));
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
    assertThat(run(suite, out)).isEqualTo(new SuiteRunner.Tally(1, 0, 0));

    writeMfConfig(2);
    progress.reset();
    assertThat(run(suite, out)).isEqualTo(new SuiteRunner.Tally(1, 0, 0));
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .contains("mf seed=1: settings changed since it finished (train.epochs), running again");
    assertThat(Files.readString(out.resolve("cells/mf/seed-1/curve.tsv")).lines()
        .filter(line -> line.startsWith("backend\t")).count()).isEqualTo(2);
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
    assertThat(run(suite, out)).isEqualTo(new SuiteRunner.Tally(2, 0, 0));

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
    assertThat(run(suite, out)).isEqualTo(new SuiteRunner.Tally(1, 0, 1));
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .contains("[1/2] mf seed=1: finished before, skipped", "[2/2] mf seed=2: done in");
    assertThat(out.resolve("cells/mf/seed-2/per-user.tsv.gz")).isRegularFile();
    assertThat(SuiteReport.write(suite, out).table().lines().get(0).finished()).isEqualTo(2);
  }
}
