package org.ddrm.eval.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ddrm.core.plugin.ProviderRegistry;
import org.ddrm.eval.suite.SuiteFile;
import org.ddrm.eval.suite.SuiteReport;
import org.ddrm.eval.suite.SuiteRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ddrm suite SUITE_FILE [--out DIR] [--seeds S1,S2] [--rows R1,R2] [--report-only]}: a
 * grid of runs and its report.
 */
@Command(name = "suite", mixinStandardHelpOptions = true,
    description = {"Run a suite's grid of runs (rows x grid points x seeds) in order, then write"
        + " its results table (Markdown, CSV, LaTeX; mean, sd, significance against the baseline"
        + " row) and plots (PNG, SVG) under DIR/report.",
        "Finished cells are skipped and interrupted ones resume, so running it again continues."
        + " Exit code 0 when every cell finished, 1 when some failed or miss their config."})
final class SuiteCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SUITE_FILE", description = "a suite .properties file")
  Path suiteFile;

  @Option(names = "--out", paramLabel = "DIR",
      description = "the suite's directory (default: the file's suite.out, else"
          + " runs/suite-<suite name>)")
  Path out;

  @Option(names = "--report-only", description = "only (re)write the report from finished cells")
  boolean reportOnly;

  @Option(names = "--seeds", paramLabel = "SEED", split = ",",
      description = "run the grid with these seeds instead of the file's suite.seeds"
          + " (comma-separated)")
  List<Long> seeds;

  @Option(names = "--rows", paramLabel = "ROW", split = ",",
      description = "run only these rows' cells (comma-separated row names); the report still"
          + " covers every row, and the exit code judges the chosen rows")
  List<String> rows;

  @Override
  public Integer call() {
    SuiteFile suite = seeds == null
        ? SuiteFile.load(suiteFile)
        : SuiteFile.load(suiteFile).withSeeds(seeds);
    SuiteFile chosen = rows == null ? suite : suite.withOnlyRows(rows);
    Path directory = out != null ? out : suite.directory();
    long start = System.nanoTime();
    if (!reportOnly) {
      SuiteRunner.Tally tally = new SuiteRunner(chosen, directory, ProviderRegistry.discover(),
          System.out).run();
      System.out.printf("suite '%s': %d cells run, %d failed, %d finished before; %.1f s%n",
          suite.name(), tally.finished(), tally.failed(), tally.skipped(),
          (System.nanoTime() - start) / 1e9);
    }
    SuiteReport.Written report = SuiteReport.write(suite, directory);
    System.out.println();
    System.out.println(report.table().markdown());
    System.out.println("report written to " + directory.resolve("report") + " ("
        + report.files().size() + " files)");
    boolean complete = report.table().lines().stream()
        .filter(l -> rows == null || rows.contains(l.variant().row().name()))
        .allMatch(l -> l.finished() == l.planned());
    return complete ? 0 : 1;
  }
}
