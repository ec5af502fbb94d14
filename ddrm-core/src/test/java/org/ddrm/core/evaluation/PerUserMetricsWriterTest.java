package org.ddrm.core.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerUserMetricsWriterTest {
  @TempDir Path directory;

  private static EvaluationResult result(Split split, List<Integer> ks, int[] users) {
    RankingMetrics metrics = new RankingMetrics(ks);
    PerUserMetrics.Builder table = new PerUserMetrics.Builder(metrics.names(), false);
    MetricMeans means = new MetricMeans(metrics.names());
    for (int user : users) {
      // ranked [user], truth {user}: a hit at rank 0 -> every metric is 1 at K = 1
      double[] values = metrics.evaluate(new int[] {user}, new int[] {user}).orElseThrow();
      table.add(user, 1, values, new int[] {user});
      means.add(values);
    }
    return new EvaluationResult(split, means.means(), means.count(), 0.0, table.build());
  }

  @Test
  void writesHeaderAndOneRowPerUserAndSplit() throws IOException {
    EvaluationResult valid = result(Split.VALID, List.of(1), new int[] {0, 4});
    EvaluationResult test = result(Split.TEST, List.of(1), new int[] {2});

    Path file = PerUserMetricsWriter.write(directory, List.of(valid, test));

    assertThat(file).isEqualTo(directory.resolve("per-user.tsv.gz"));
    assertThat(gunzipped(file).split("\n"))
        .containsExactly(
            "user\tsplit\tn_truth\trecall@1\tndcg@1\tprecision@1\thit@1\tmrr@1\tmap@1",
            "0\tvalid\t1\t1.0\t1.0\t1.0\t1.0\t1.0\t1.0",
            "4\tvalid\t1\t1.0\t1.0\t1.0\t1.0\t1.0\t1.0",
            "2\ttest\t1\t1.0\t1.0\t1.0\t1.0\t1.0\t1.0");
  }

  @Test
  void replacesAnEarlierFileAndLeavesNoTemporaryFiles() throws IOException {
    PerUserMetricsWriter.write(directory, result(Split.VALID, List.of(1), new int[] {0, 1, 2}));

    PerUserMetricsWriter.write(directory, result(Split.TEST, List.of(1), new int[] {3}));

    assertThat(PerUserMetricsWriter.lines(directory)).hasSize(2);
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files).containsExactly(directory.resolve("per-user.tsv.gz"));
    }
  }

  @Test
  void readsThePlainTableOfAnEarlierVersionAndReplacesItOnWriting() throws IOException {
    Files.writeString(directory.resolve("per-user.tsv"), "user\tsplit\tn_truth\n7\ttest\t3\n");

    assertThat(PerUserMetricsWriter.lines(directory))
        .containsExactly("user\tsplit\tn_truth", "7\ttest\t3");

    PerUserMetricsWriter.write(directory, result(Split.TEST, List.of(1), new int[] {3}));
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files).containsExactly(directory.resolve("per-user.tsv.gz"));
    }
  }

  @Test
  void aMissingTableIsNamedInTheError() {
    assertThatThrownBy(() -> PerUserMetricsWriter.lines(directory))
        .hasMessageContaining(directory.resolve("per-user.tsv.gz").toString());
  }

  private static String gunzipped(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void rejectsResultsWithDifferentMetrics() {
    EvaluationResult valid = result(Split.VALID, List.of(1), new int[] {0});
    EvaluationResult test = result(Split.TEST, List.of(2), new int[] {0});

    assertThatThrownBy(() -> PerUserMetricsWriter.write(directory, List.of(valid, test)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("differ in metrics");
  }
}
