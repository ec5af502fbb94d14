package org.ddrm.eval.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The paired tests against values computed by hand (and checked with SciPy). */
class PairedTestsTest {
  @Test
  void pairedTTestMatchesTheHandComputedValue() {
    // d = x - y = 1..5: mean 3, sd sqrt(2.5), t = 3 / (sqrt(2.5) / sqrt(5)) = 4.2426 on 4 df,
    // two-sided p = 0.0132356 (scipy.stats.ttest_rel).
    PairedTests.Outcome o = PairedTests.test(new double[] {2, 4, 6, 8, 10},
        new double[] {1, 2, 3, 4, 5});
    assertThat(o.pairs()).isEqualTo(5);
    assertThat(o.meanDifference()).isEqualTo(3.0);
    assertThat(o.tTestP()).isCloseTo(0.01323559956368269, within(1e-9));
    // All five differences positive: W- = 0; exactly one of 2^5 sign patterns is as extreme on
    // each side, p = 2 / 32.
    assertThat(o.wilcoxonP()).isCloseTo(0.0625, within(1e-12));
  }

  @Test
  void wilcoxonDropsTiedUsers() {
    // d = 0, 0, 1, 2, -3, 4: zeros dropped, ranks 1, 2, 3, 4 with W+ = 7, W- = 3; of the 16 sign
    // patterns 5 give a rank sum >= 7, so p = 2 * 5 / 16 = 0.625 (scipy.stats.wilcoxon).
    // t-test over all six: mean 4/6, sd 2.3381, t = 0.69843 on 5 df, p = 0.516050.
    PairedTests.Outcome o = PairedTests.test(new double[] {5, 5, 6, 7, 2, 9},
        new double[] {5, 5, 5, 5, 5, 5});
    assertThat(o.wilcoxonP()).isCloseTo(0.625, within(1e-12));
    assertThat(o.tTestP()).isCloseTo(0.5160497626571626, within(1e-9));
  }

  @Test
  void identicalSamplesAreNotDifferent() {
    PairedTests.Outcome o = PairedTests.test(new double[] {0.1, 0.2, 0.3},
        new double[] {0.1, 0.2, 0.3});
    assertThat(o.tTestP()).isEqualTo(1.0);
    assertThat(o.wilcoxonP()).isEqualTo(1.0);
    assertThat(o.tSignificant(0.01)).isFalse();
  }
}
