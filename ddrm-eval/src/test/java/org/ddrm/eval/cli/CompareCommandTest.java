package org.ddrm.eval.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ddrm.eval.suite.PairedTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ddrm compare} on hand-made per-user tables. */
class CompareCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private static final double[] A = {0.3, 0.4, 0.1, 0.6, 0.6, 0.5};
  private static final double[] B = {0.1, 0.2, 0.0, 0.5, 0.3, 0.4};

  private int execute(String... args) {
    return Main.commandLine().setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true)).execute(args);
  }

  /** A run directory whose test recall@20 is {@code test} for users 0.., plus {@code extra}. */
  private Path run(String name, double[] test, double... extra) throws Exception {
    Path run = Files.createDirectories(dir.resolve(name));
    StringBuilder tsv = new StringBuilder("user\tsplit\tn_truth\trecall@20\n");
    for (int u = 0; u < test.length; u++) {
      tsv.append(u).append("\tvalid\t1\t0.9\n");
    }
    for (int u = 0; u < test.length + extra.length; u++) {
      double value = u < test.length ? test[u] : extra[u - test.length];
      tsv.append(u).append("\ttest\t1\t").append(value).append('\n');
    }
    Files.writeString(run.resolve("per-user.tsv"), tsv);
    return run;
  }

  @Test
  void testsTheRunsOverTheUsersBothEvaluated() throws Exception {
    Path a = run("a", A, 1.0); // user 6 only in a: not paired
    Path b = run("b", B);

    assertThat(execute("compare", a.toString(), b.toString(), "--metrics", "recall@20"))
        .isZero();

    PairedTests.Outcome expected = PairedTests.test(A, B);
    assertThat(out.toString()).contains("test split, 6 users").contains(String.format(Locale.ROOT,
        "recall@20         0.4167    0.2500   +0.1667 %10.2g %10.2g", expected.tTestP(),
        expected.wilcoxonP()));
  }

  @Test
  void aMetricTheTableLacksIsNamedWithTheFile() throws Exception {
    Path a = run("a", A);
    Path b = run("b", B);

    assertThat(execute("compare", a.toString(), b.toString(), "--metrics", "ndcg@20"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("has no column 'ndcg@20'", "per-user.tsv")
        .doesNotContain("\tat ");
  }
}
