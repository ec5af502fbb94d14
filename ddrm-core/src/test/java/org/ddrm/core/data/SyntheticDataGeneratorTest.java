package org.ddrm.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import org.ddrm.api.Dataset;
import org.ddrm.api.Interactions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticDataGeneratorTest {
  private static Dataset defaults;

  @BeforeAll
  static void generateDefaults() {
    defaults = SyntheticDataGenerator.generateDefault();
  }

  private static Set<Long> pairSet(Interactions pairs) {
    Set<Long> set = new HashSet<>();
    for (int k = 0; k < pairs.size(); k++) {
      set.add(key(pairs.user(k), pairs.item(k)));
    }
    return set;
  }

  private static long key(int user, int item) {
    return ((long) user << 32) | item;
  }

  /** The pairs two sets share (AssertJ's set assertions scan lists: too slow at this size). */
  private static Set<Long> common(Set<Long> a, Set<Long> b) {
    Set<Long> shared = new HashSet<>(a);
    shared.retainAll(b);
    return shared;
  }

  private static int count(boolean[] labels) {
    int n = 0;
    for (boolean b : labels) {
      n += b ? 1 : 0;
    }
    return n;
  }

  @Test
  void sameSeedGivesAnIdenticalDataSet() {
    Dataset again = new SyntheticDataGenerator(SyntheticDataSpec.defaults()).generate();
    assertThat(again.fingerprint()).isEqualTo(defaults.fingerprint());
    assertThat(again.trainNoiseLabels().orElseThrow())
        .containsExactly(defaults.trainNoiseLabels().orElseThrow());
  }

  @Test
  void anotherSeedGivesAnotherDataSet() {
    Dataset other = new SyntheticDataGenerator(SyntheticDataSpec.defaults().withSeed(7))
        .generate();
    assertThat(other.fingerprint()).isNotEqualTo(defaults.fingerprint());
  }

  @Test
  void defaultDataSetHasTheDocumentedSize() {
    assertThat(defaults.name()).isEqualTo("synthetic");
    assertThat(defaults.numUsers()).isEqualTo(1500);
    assertThat(defaults.numItems()).isEqualTo(1000);
    assertThat(defaults.train().size()).isBetween(60_000, 70_000);
    assertThat(defaults.valid().size()).isBetween(8_000, 11_000);
    assertThat(defaults.test().size()).isBetween(13_500, 16_500);
    assertThat(defaults.testMatrix().activeUsers()).isEqualTo(1500);
  }

  @Test
  void plantsTheSpecifiedShareOfFalsePositivesInTrain() {
    boolean[] labels = defaults.trainNoiseLabels().orElseThrow();
    assertThat((double) count(labels) / labels.length).isCloseTo(0.2, within(0.01));
  }

  @Test
  void plantsTheSpecifiedShareOfFalsePositivesInValid() {
    Dataset clean = new SyntheticDataGenerator(SyntheticDataSpec.defaults().withNoiseRatio(0))
        .generate();
    double planted = defaults.valid().size() - clean.valid().size();
    assertThat(planted / defaults.valid().size()).isCloseTo(0.2, within(0.02));
  }

  @Test
  void noiseRatioIsAParameter() {
    Dataset noisy = new SyntheticDataGenerator(SyntheticDataSpec.defaults().withNoiseRatio(0.4))
        .generate();
    boolean[] labels = noisy.trainNoiseLabels().orElseThrow();
    assertThat((double) count(labels) / labels.length).isCloseTo(0.4, within(0.01));
  }

  @Test
  void splitsAreDisjoint() {
    Set<Long> train = pairSet(defaults.train());
    Set<Long> valid = pairSet(defaults.valid());
    Set<Long> test = pairSet(defaults.test());
    assertThat(train).hasSize(defaults.train().size());
    assertThat(valid).hasSize(defaults.valid().size());
    assertThat(test).hasSize(defaults.test().size());
    assertThat(common(train, valid)).isEmpty();
    assertThat(common(train, test)).isEmpty();
    assertThat(common(valid, test)).isEmpty();
  }

  @Test
  void testHoldsOnlyTruePositivesWhateverTheNoise() {
    Dataset clean = new SyntheticDataGenerator(SyntheticDataSpec.defaults().withNoiseRatio(0))
        .generate();
    assertThat(clean.trainNoiseLabels().orElseThrow()).doesNotContain(true);
    // the clean data do not depend on the noise ratio: same test, same true train pairs
    assertThat(defaults.test().users()).containsExactly(clean.test().users());
    assertThat(defaults.test().items()).containsExactly(clean.test().items());
    boolean[] labels = defaults.trainNoiseLabels().orElseThrow();
    Set<Long> trueTrain = new HashSet<>();
    Set<Long> plantedTrain = new HashSet<>();
    for (int k = 0; k < labels.length; k++) {
      (labels[k] ? plantedTrain : trueTrain)
          .add(key(defaults.train().user(k), defaults.train().item(k)));
    }
    assertThat(trueTrain.equals(pairSet(clean.train()))).as("true train pairs unchanged").isTrue();
    assertThat(common(pairSet(defaults.test()), plantedTrain)).isEmpty();
    assertThat(pairSet(defaults.valid()).containsAll(pairSet(clean.valid())))
        .as("clean valid pairs kept").isTrue();
  }

  @Test
  void everyUserHasBetweenTwentyAndEightyTruePositives() {
    Dataset clean = new SyntheticDataGenerator(SyntheticDataSpec.defaults().withNoiseRatio(0))
        .generate();
    for (int u = 0; u < clean.numUsers(); u++) {
      int total = clean.trainMatrix().degree(u) + clean.validMatrix().degree(u)
          + clean.testMatrix().degree(u);
      assertThat(total).as("user %d", u).isBetween(20, 80);
    }
    double perUser = (clean.train().size() + clean.valid().size() + clean.test().size())
        / (double) clean.numUsers();
    assertThat(perUser).isCloseTo(50, within(2.0));
  }

  @Test
  void matrixFactorisationBeatsPopularityClearly() {
    double popularity = TinyBpr.recallOfPopularity(defaults, 20);
    double mf = TinyBpr.recallOfModel(defaults, TinyBpr.train(defaults, 32, 20, 0.05, 0.01, 1), 20);
    assertThat(popularity).isGreaterThan(0.03);
    assertThat(mf).isGreaterThan(2 * popularity);
  }

  @Test
  void rejectsInconsistentSpecs() {
    assertThatThrownBy(() -> SyntheticDataSpec.defaults().withSize(100, 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxPositives must be below numItems");
    assertThatThrownBy(() -> SyntheticDataSpec.defaults().withNoiseRatio(1.0))
        .hasMessageContaining("noiseRatio");
  }
}
