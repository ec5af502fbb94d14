package org.ddrm.eval.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ddrm.core.data.AtomicFiles;

/**
 * Writes a suite's report from its cells' run directories into {@code OUT/report}:
 * {@code results.md}, {@code results.csv}, {@code results.tex} and {@code plots/*.png|svg}.
 */
public final class SuiteReport {
  private SuiteReport() {}

  /**
   * What the report holds.
   *
   * @param table the results table
   * @param files every file written
   */
  public record Written(ResultsTable table, List<Path> files) {}

  /** Reads every cell's outcome and writes the report; returns the table and the files. */
  public static Written write(SuiteFile suite, Path out) {
    List<CellOutcome> outcomes = SuiteGrid.cells(suite).stream()
        .map(c -> CellOutcome.read(c, out)).toList();
    ResultsTable table = ResultsTable.build(suite, outcomes);
    Path report = out.resolve("report");
    Path md = report.resolve("results.md");
    Path csv = report.resolve("results.csv");
    Path tex = report.resolve("results.tex");
    AtomicFiles.write(md, table.markdown());
    AtomicFiles.write(csv, table.csv());
    AtomicFiles.write(tex, table.latex());
    List<Path> plots = SuitePlots.write(suite, table, outcomes, report.resolve("plots"));
    List<Path> files = new ArrayList<>(List.of(md, csv, tex));
    files.addAll(plots);
    return new Written(table, List.copyOf(files));
  }
}
