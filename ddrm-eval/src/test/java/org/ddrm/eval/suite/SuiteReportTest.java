package org.ddrm.eval.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.junit.jupiter.api.io.TempDir;

/** The report from hand-made run directories: table statistics, files, plots. */
class SuiteReportTest {
  @TempDir Path dir;

  /** Per-user recall@20 on test of rows a (baseline) and b, seeds 1 and 2, users 0..5. */
  private static final double[][] A = {{0.1, 0.2, 0.0, 0.5, 0.3, 0.4}, {0.2, 0.2, 0.1, 0.4, 0.3, 0.2}};
  private static final double[][] B = {{0.3, 0.4, 0.1, 0.6, 0.6, 0.5}, {0.4, 0.3, 0.3, 0.7, 0.5, 0.6}};

  private void writeCell(Path cell, double[] recall) throws Exception {
    Files.createDirectories(cell);
    double mean = Arrays.stream(recall).average().orElseThrow();
    Files.writeString(cell.resolve("metrics.json"),
        "{\"valid\": {\"recall@20\": 0.5}, \"test\": {\"recall@20\": " + mean + "}}\n");
    StringBuilder tsv = new StringBuilder("user\tsplit\tn_truth\trecall@20\n");
    for (int u = 0; u < recall.length; u++) {
      tsv.append(u).append("\tvalid\t2\t0.9\n");
    }
    for (int u = 0; u < recall.length; u++) {
      tsv.append(u).append("\ttest\t2\t").append(recall[u]).append('\n');
    }
    Files.writeString(cell.resolve("per-user.tsv"), tsv);
    Files.writeString(cell.resolve("provenance.json"), "{\"wall_seconds\": 1800.0}\n");
    Files.writeString(cell.resolve("curve.tsv"), "stage\tepoch\tloss\tseconds\tvalid_recall@20\n"
        + "backend\t1\t0.69\t0.1\t\nbackend\t2\t0.5\t0.1\t0.2\nbackend\t3\t0.4\t0.1\t\n");
  }

  @Test
  void theTableHoldsMeansSpreadsAndSignificanceAndThePlotsAreWritten() throws Exception {
    Path file = dir.resolve("suite.properties");
    Files.writeString(file, """
        suite.name = t
        suite.seeds = 1, 2
        suite.baseline = a
        suite.metrics = recall@20
        row.a.config = a.properties
        row.b.config = b.properties
        row.c.config = c.properties
        """);
    SuiteFile suite = SuiteFile.load(file);
    Path out = dir.resolve("out");
    for (int s = 0; s < 2; s++) {
      writeCell(out.resolve("cells/a/seed-" + (s + 1)), A[s]);
      writeCell(out.resolve("cells/b/seed-" + (s + 1)), B[s]);
    }
    Files.createDirectories(out.resolve("cells/c/seed-1"));
    Files.writeString(out.resolve("cells/c/seed-1").resolve(SuiteRunner.FAILED),
        SuiteRunner.MISSING_PREFIX + "c.properties (not written yet?)\n");

    SuiteReport.Written written = SuiteReport.write(suite, out);
    List<ResultsTable.Line> lines = written.table().lines();
    assertThat(lines).hasSize(3);

    double a1 = Arrays.stream(A[0]).average().orElseThrow();
    double a2 = Arrays.stream(A[1]).average().orElseThrow();
    ResultsTable.Summary a = lines.get(0).metrics().get("recall@20");
    assertThat(a.mean()).isCloseTo((a1 + a2) / 2, within(1e-12));
    assertThat(a.sd()).isCloseTo(Math.abs(a1 - a2) / Math.sqrt(2), within(1e-12));
    assertThat(lines.get(0).significance()).isEmpty();
    assertThat(lines.get(0).against()).isEmpty();
    assertThat(lines.get(1).against()).contains("a");

    // b against a: users' values averaged over both seeds, then paired.
    double[] x = new double[6];
    double[] y = new double[6];
    for (int u = 0; u < 6; u++) {
      x[u] = (B[0][u] + B[1][u]) / 2;
      y[u] = (A[0][u] + A[1][u]) / 2;
    }
    PairedTests.Outcome expected = PairedTests.test(x, y);
    PairedTests.Outcome b = lines.get(1).significance().get("recall@20");
    assertThat(b.tTestP()).isCloseTo(expected.tTestP(), within(1e-15));
    assertThat(b.wilcoxonP()).isCloseTo(expected.wilcoxonP(), within(1e-15));
    // Every user gains: t-test p < 0.01 (marked), exact Wilcoxon p = 2/64 (not marked).
    assertThat(b.tTestP()).isLessThan(0.01);
    assertThat(b.wilcoxonP()).isCloseTo(2.0 / 64, within(1e-12));

    assertThat(lines.get(0).wallSeconds()).isEqualTo(3600.0);
    assertThat(written.table().totalWallSeconds()).isEqualTo(7200.0);
    assertThat(lines.get(2).finished()).isZero();
    assertThat(lines.get(2).wallSeconds()).isNaN();
    assertThat(lines.get(2).note()).contains("missing: config file not found", "1 of 2 cells not run");

    Path report = out.resolve("report");
    String md = Files.readString(report.resolve("results.md"));
    assertThat(md).contains("| b |", " *", "missing: config file not found", "| 3600 |",
        "summed: 7200 s (2.0 h)");
    assertThat(Files.readString(report.resolve("results.csv")))
        .startsWith("model,seeds_finished,seeds_planned,vs,recall@20_mean,recall@20_sd,"
            + "recall@20_p_ttest,recall@20_p_wilcoxon,wall_seconds,note\n");
    assertThat(Files.readString(report.resolve("results.tex")))
        .contains("\\begin{tabular}", "^{*}$", "c & --");
    byte[] png = Files.readAllBytes(report.resolve("plots/curve-backend-loss.png"));
    assertThat(Arrays.copyOf(png, 4)).containsExactly(0x89, 'P', 'N', 'G');
    assertThat(Files.readString(report.resolve("plots/curve-backend-valid-recall@20.svg")))
        .contains("<svg");
    assertThat(written.files()).contains(report.resolve("plots/curve-backend-loss.svg"));
  }

  @Test
  void aRowIsComparedWithEveryBaselineItNamesOverUsersAndOverSeeds() throws Exception {
    Path file = dir.resolve("suite.properties");
    Files.writeString(file, """
        suite.seeds = 1, 2
        suite.baseline = a
        suite.metrics = recall@20
        row.a.config = a.properties
        row.start.config = start.properties
        row.b.config = b.properties
        row.b.baseline = a, start
        """);
    SuiteFile suite = SuiteFile.load(file);
    Path out = dir.resolve("out");
    double[][] start = {{0.2, 0.3, 0.1, 0.5, 0.4, 0.4}, {0.3, 0.3, 0.2, 0.5, 0.5, 0.3}};
    for (int s = 0; s < 2; s++) {
      writeCell(out.resolve("cells/a/seed-" + (s + 1)), A[s]);
      writeCell(out.resolve("cells/start/seed-" + (s + 1)), start[s]);
      writeCell(out.resolve("cells/b/seed-" + (s + 1)), B[s]);
    }

    SuiteReport.Written written = SuiteReport.write(suite, out);
    List<ResultsTable.Comparison> comparisons = written.table().comparisons();
    assertThat(comparisons).extracting(c -> c.variant().row().name() + " vs " + c.against())
        .containsExactly("start vs a", "b vs a", "b vs start");

    ResultsTable.Comparison bStart = comparisons.get(2);
    double[] x = new double[6];
    double[] y = new double[6];
    for (int u = 0; u < 6; u++) {
      x[u] = (B[0][u] + B[1][u]) / 2;
      y[u] = (start[0][u] + start[1][u]) / 2;
    }
    PairedTests.Outcome users = bStart.overUsers().get("recall@20");
    assertThat(users.tTestP()).isCloseTo(PairedTests.test(x, y).tTestP(), within(1e-15));
    double[] bSeeds = {mean(B[0]), mean(B[1])};
    double[] startSeeds = {mean(start[0]), mean(start[1])};
    PairedTests.Outcome seeds = bStart.overSeeds().get("recall@20");
    assertThat(seeds.pairs()).isEqualTo(2);
    assertThat(seeds.tTestP())
        .isCloseTo(PairedTests.test(bSeeds, startSeeds).tTestP(), within(1e-15));
    // The main table still marks b against a only.
    assertThat(written.table().lines().get(2).against()).contains("a");

    String md = Files.readString(out.resolve("report/results.md"));
    assertThat(md).contains("## Comparisons", "| b | start |",
        String.format("%+.4f", users.meanDifference()));
  }

  @Test
  void aSweepOverDecadesIsPlottedOnALogAxisAgainstTheRowsThatSweepNothing() throws Exception {
    Path file = dir.resolve("suite.properties");
    Files.writeString(file, """
        suite.seeds = 1
        suite.baseline = a
        suite.metrics = recall@20
        row.a.config = a.properties
        row.b.config = b.properties
        row.b.sweep.ddrm.noise_scale = 0.00001, 0.001
        row.c.config = c.properties
        row.c.sweep.ddrm.steps = 10, 60
        """);
    SuiteFile suite = SuiteFile.load(file);
    Path out = dir.resolve("out");
    writeCell(out.resolve("cells/a/seed-1"), A[0]);
    writeCell(out.resolve("cells/b_ddrm.noise_scale=0.00001/seed-1"), B[0]);
    writeCell(out.resolve("cells/b_ddrm.noise_scale=0.001/seed-1"), B[1]);
    writeCell(out.resolve("cells/c_ddrm.steps=10/seed-1"), B[0]);
    writeCell(out.resolve("cells/c_ddrm.steps=60/seed-1"), B[1]);
    ResultsTable table = SuiteReport.write(suite, out).table();

    XYChart scale = (XYChart) SuitePlots.sweep(table, "ddrm.noise_scale", "recall@20").orElseThrow();
    assertThat(scale.getStyler().isXAxisLogarithmic()).isTrue();
    assertThat(scale.getSeriesMap()).containsOnlyKeys("b", "a");
    XYSeries reference = scale.getSeriesMap().get("a");
    assertThat(reference.getXData()).containsExactly(0.00001, 0.001);
    assertThat(reference.getYData()).containsExactly(mean(A[0]), mean(A[0]));
    assertThat(reference.getLineStyle()).isEqualTo(SeriesLines.DASH_DASH);

    XYChart steps = (XYChart) SuitePlots.sweep(table, "ddrm.steps", "recall@20").orElseThrow();
    assertThat(steps.getStyler().isXAxisLogarithmic()).isFalse();
    assertThat(steps.getSeriesMap()).containsOnlyKeys("c", "a");
    assertThat(out.resolve("report/plots/sweep-ddrm.noise_scale-recall@20.png")).isRegularFile();
  }

  private static double mean(double[] values) {
    return Arrays.stream(values).average().orElseThrow();
  }
}
