package org.ddrm.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.ddrm.api.Dataset;
import org.ddrm.api.Interactions;
import org.junit.jupiter.api.Test;

class ShapedDataGeneratorTest {
  private static final SyntheticShape SMALL =
      SyntheticShape.yelp().withSize(2_000, 3_000, 60_000).withSeed(11);

  private static int count(boolean[] flags) {
    int c = 0;
    for (boolean b : flags) {
      c += b ? 1 : 0;
    }
    return c;
  }

  @Test
  void hitsTheRequestedShapeWithLabelledNoise() {
    ShapedDataGenerator.Generated generated = new ShapedDataGenerator(SMALL).generate();
    Dataset data = generated.dataset();
    long total = (long) data.train().size() + data.valid().size() + data.test().size();
    assertThat(total).isBetween(59_000L, 61_000L);
    assertThat(data.numUsers()).isEqualTo(2_000);
    assertThat(data.numItems()).isEqualTo(3_000);
    boolean[] train = data.trainNoiseLabels().orElseThrow();
    boolean[] valid = generated.validNoiseLabels();
    double share = (count(train) + count(valid)) / (double) (train.length + valid.length);
    assertThat(share).isBetween(0.18, 0.22);
    // no duplicate pair anywhere, every user present
    Set<Long> pairs = new HashSet<>();
    Set<Integer> users = new HashSet<>();
    for (Interactions split : new Interactions[] {data.train(), data.valid(), data.test()}) {
      for (int k = 0; k < split.size(); k++) {
        assertThat(pairs.add((long) split.user(k) << 32 | split.item(k))).isTrue();
        users.add(split.user(k));
      }
    }
    assertThat(users).hasSize(2_000);
  }

  @Test
  void popularitySkewConcentratesInteractionsOnFewItems() {
    double flat = topShare(SMALL.withSkews(0, 0));
    double skewed = topShare(SMALL.withSkews(1.0, 0));
    assertThat(skewed).isGreaterThan(flat * 3);
  }

  /** Share of test pairs on the 1% most frequent test items. */
  private static double topShare(SyntheticShape shape) {
    Interactions test = new ShapedDataGenerator(shape).generate().dataset().test();
    int[] counts = new int[shape.items()];
    for (int k = 0; k < test.size(); k++) {
      counts[test.item(k)]++;
    }
    Arrays.sort(counts);
    long top = 0;
    for (int k = counts.length - counts.length / 100; k < counts.length; k++) {
      top += counts[k];
    }
    return top / (double) test.size();
  }

  @Test
  void equalShapesGiveIdenticalData() {
    Dataset a = new ShapedDataGenerator(SMALL).generate().dataset();
    Dataset b = new ShapedDataGenerator(SMALL).generate().dataset();
    Dataset c = new ShapedDataGenerator(SMALL.withSeed(12)).generate().dataset();
    assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isNotEqualTo(c.fingerprint());
  }

  @Test
  void presetsCarryTableOnesCounts() {
    assertThat(SyntheticShape.preset("yelp").users()).isEqualTo(54_574);
    assertThat(SyntheticShape.preset("amazon-book").interactions()).isEqualTo(3_145_223L);
    assertThatThrownBy(() -> SyntheticShape.preset("netflix"))
        .hasMessageContaining("use yelp or amazon-book");
  }

  @Test
  void rejectsTooFewInteractionsForTheUsers() {
    assertThatThrownBy(() -> SyntheticShape.yelp().withSize(1_000, 500, 5_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot give 1,000 users 10 true positives");
  }
}
