package org.ddrm.eval.suite;

import java.util.Arrays;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * Two-sided significance of paired per-user differences (a model against the baseline, user by
 * user): the paired t-test and the Wilcoxon signed-rank test of Apache Commons Math. For the
 * Wilcoxon test, users with equal values are dropped (Wilcoxon's treatment of zero differences);
 * its p-value is exact up to 30 remaining pairs and from the normal approximation above.
 */
public final class PairedTests {
  /** The largest sample for which Commons Math computes the exact Wilcoxon p-value. */
  static final int EXACT_WILCOXON_LIMIT = 30;

  private PairedTests() {}

  /**
   * The outcome of both tests.
   *
   * @param pairs the number of paired values
   * @param meanDifference mean of {@code x - y}
   * @param tTestP two-sided p-value of the paired t-test (1 when every difference is zero)
   * @param wilcoxonP two-sided p-value of the signed-rank test (1 when every difference is zero)
   */
  public record Outcome(int pairs, double meanDifference, double tTestP, double wilcoxonP) {
    /** Whether the t-test rejects equality at level {@code alpha}. */
    public boolean tSignificant(double alpha) {
      return tTestP < alpha;
    }

    /** Whether the signed-rank test rejects equality at level {@code alpha}. */
    public boolean wilcoxonSignificant(double alpha) {
      return wilcoxonP < alpha;
    }
  }

  /** Tests paired samples {@code x} and {@code y} (same length, at least two pairs). */
  public static Outcome test(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("paired tests: " + x.length + " vs " + y.length + " values");
    }
    if (x.length < 2) {
      throw new IllegalArgumentException("paired tests need at least two pairs, got " + x.length);
    }
    double[] d = new double[x.length];
    for (int k = 0; k < d.length; k++) {
      d[k] = x[k] - y[k];
    }
    double mean = Arrays.stream(d).average().orElse(0);
    boolean allEqual = Arrays.stream(d).allMatch(v -> v == d[0]);
    // Without spread the t statistic is 0/0 (equal samples: p = 1) or infinite (p = 0).
    double tP = allEqual ? (d[0] == 0 ? 1.0 : 0.0) : new TTest().pairedTTest(x, y);
    return new Outcome(x.length, mean, tP, wilcoxon(x, y));
  }

  private static double wilcoxon(double[] x, double[] y) {
    int n = 0;
    double[] a = new double[x.length];
    double[] b = new double[y.length];
    for (int k = 0; k < x.length; k++) {
      if (x[k] != y[k]) {
        a[n] = x[k];
        b[n] = y[k];
        n++;
      }
    }
    if (n == 0) {
      return 1.0;
    }
    double[] xs = Arrays.copyOf(a, n);
    double[] ys = Arrays.copyOf(b, n);
    return new WilcoxonSignedRankTest().wilcoxonSignedRankTest(xs, ys, n <= EXACT_WILCOXON_LIMIT);
  }
}
