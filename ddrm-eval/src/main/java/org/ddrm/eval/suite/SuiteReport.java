package org.ddrm.eval.suite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ddrm.core.data.AtomicFiles;

/**
 * Writes a suite's report from its cells' run directories into {@code OUT/report}:
 * {@code results.md}, {@code results.csv}, {@code results.tex}, {@code plots/*.png|svg} and, for
 * a suite that searches hyper-parameters, {@code search.csv} (and a section of
 * {@code results.md}).
 */
public final class SuiteReport {
  private SuiteReport() {}

  /**
   * What the report holds.
   *
   * @param table the results table
   * @param markdown {@code results.md}'s text
   * @param files every file written
   */
  public record Written(ResultsTable table, String markdown, List<Path> files) {}

  /** Reads every cell's outcome and writes the report; returns the table and the files. */
  public static Written write(SuiteFile suite, Path out) {
    List<CellOutcome> outcomes = SuiteGrid.tableCells(suite, out).stream()
        .map(c -> CellOutcome.read(c, out)).toList();
    ResultsTable table = ResultsTable.build(suite, SuiteGrid.variants(suite, out), outcomes);
    List<SearchPlan> searches = SuiteGrid.searches(suite, out);
    Path report = out.resolve("report");
    Path md = report.resolve("results.md");
    Path csv = report.resolve("results.csv");
    Path tex = report.resolve("results.tex");
    String markdown = table.markdown() + SearchReport.markdown(suite, searches);
    AtomicFiles.write(md, markdown);
    AtomicFiles.write(csv, table.csv());
    AtomicFiles.write(tex, table.latex());
    List<Path> files = new ArrayList<>(List.of(md, csv, tex));
    if (!searches.isEmpty()) {
      Path searchCsv = report.resolve("search.csv");
      AtomicFiles.write(searchCsv, SearchReport.csv(suite, searches));
      files.add(searchCsv);
    }
    files.addAll(SuitePlots.write(suite, table, outcomes, searches, report.resolve("plots")));
    return new Written(table, markdown, List.copyOf(files));
  }
}
