package org.ddrm.eval.evaluation;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import org.ddrm.core.data.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes per-user metric tables as {@value #FILE_NAME}: a tab-separated header
 * {@code user, split, n_truth, <metric names>} and one row per evaluated user and split. The file
 * is written to a temporary file in the same directory and moved into place atomically, so a
 * reader never sees half a table.
 */
public final class PerUserMetricsWriter {
  /** The name of the written file. */
  public static final String FILE_NAME = "per-user.tsv";

  private static final Logger log = LoggerFactory.getLogger(PerUserMetricsWriter.class);

  private PerUserMetricsWriter() {}

  /** Writes one evaluation's table to {@code directory/per-user.tsv}; returns the file. */
  public static Path write(Path directory, EvaluationResult result) {
    return write(directory, List.of(result));
  }

  /**
   * Writes the tables of several evaluations (e.g. valid then test), which must share their
   * metric names, to {@code directory/per-user.tsv}, replacing any earlier file; returns the file.
   */
  public static Path write(Path directory, List<EvaluationResult> results) {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("per-user metrics: no evaluation results to write");
    }
    List<String> names = results.get(0).perUser().metricNames();
    for (EvaluationResult result : results) {
      if (!result.perUser().metricNames().equals(names)) {
        throw new IllegalArgumentException(
            "per-user metrics: evaluations differ in metrics: "
                + names + " vs " + result.perUser().metricNames());
      }
    }
    Path target = directory.resolve(FILE_NAME);
    AtomicFiles.write(target, out -> writeTable(out, names, results));
    log.debug("wrote {}", target);
    return target;
  }

  private static void writeTable(Writer out, List<String> names, List<EvaluationResult> results)
      throws IOException {
    out.write("user\tsplit\tn_truth");
    for (String name : names) {
      out.write('\t');
      out.write(name);
    }
    out.write('\n');
    for (EvaluationResult result : results) {
      PerUserMetrics table = result.perUser();
      String split = result.split().label();
      for (int row = 0; row < table.size(); row++) {
        out.write(Integer.toString(table.user(row)));
        out.write('\t');
        out.write(split);
        out.write('\t');
        out.write(Integer.toString(table.truthSize(row)));
        for (double value : table.values(row)) {
          out.write('\t');
          out.write(Double.toString(value));
        }
        out.write('\n');
      }
    }
  }
}
