package org.ddrm.core.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.ddrm.core.data.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes per-user metric tables as {@value #FILE_NAME}: gzip-compressed tab-separated text, a
 * header {@code user, split, n_truth, <metric names>} and one row per evaluated user and split
 * (about a quarter of the plain text's size, which keeps published suite records small). The
 * file is written to a temporary file in the same directory and moved into place atomically, so
 * a reader never sees half a table. {@link #lines} also reads the plain {@value #PLAIN_FILE_NAME}
 * of run directories written before the table was compressed.
 */
public final class PerUserMetricsWriter {
  /** The name of the written file. */
  public static final String FILE_NAME = "per-user.tsv.gz";

  /** The uncompressed table's name, as earlier versions wrote it. */
  public static final String PLAIN_FILE_NAME = "per-user.tsv";

  private static final Logger log = LoggerFactory.getLogger(PerUserMetricsWriter.class);

  private PerUserMetricsWriter() {}

  /** Writes one evaluation's table to {@code directory/per-user.tsv.gz}; returns the file. */
  public static Path write(Path directory, EvaluationResult result) {
    return write(directory, List.of(result));
  }

  /**
   * Writes the tables of several evaluations (e.g. valid then test), which must share their
   * metric names, to {@code directory/per-user.tsv.gz}, replacing any earlier file (and a plain
   * table left by an earlier version); returns the file.
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
    AtomicFiles.writeBytes(target, bytes -> {
      Writer out = new OutputStreamWriter(new GZIPOutputStream(bytes), StandardCharsets.UTF_8);
      writeTable(out, names, results);
      out.close();
    });
    deletePlainTable(directory);
    log.debug("wrote {}", target);
    return target;
  }

  /**
   * The lines of {@code directory}'s per-user table, header first: the compressed table, else a
   * plain one written by an earlier version.
   *
   * @throws UncheckedIOException when neither exists or the table cannot be read
   */
  public static List<String> lines(Path directory) {
    Path compressed = directory.resolve(FILE_NAME);
    Path file = Files.exists(compressed) ? compressed : directory.resolve(PLAIN_FILE_NAME);
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file == compressed ? new GZIPInputStream(raw) : raw;
        BufferedReader reader = new BufferedReader(
            new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return reader.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the per-user metrics " + compressed
          + (file == compressed ? "" : " (nor " + file.getFileName() + ")") + ": " + e, e);
    }
  }

  private static void deletePlainTable(Path directory) {
    try {
      Files.deleteIfExists(directory.resolve(PLAIN_FILE_NAME));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the stale " + directory.resolve(PLAIN_FILE_NAME), e);
    }
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
