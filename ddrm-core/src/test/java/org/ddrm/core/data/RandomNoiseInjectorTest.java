package org.ddrm.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.ddrm.api.Dataset;
import org.ddrm.api.Interactions;
import org.junit.jupiter.api.Test;

/** Planting random unobserved pairs into train and valid (the random-noise setting). */
class RandomNoiseInjectorTest {
  private static Dataset clean() {
    Dataset synthetic = new SyntheticDataGenerator(SyntheticDataSpec.defaults()
        .withSize(200, 150).withNoiseRatio(0)).generate();
    return Dataset.of("clean", synthetic.numUsers(), synthetic.numItems(), synthetic.train(),
        synthetic.valid(), synthetic.test());
  }

  private static Set<Long> pairs(Interactions split, int from, int to, int items) {
    Set<Long> out = new HashSet<>();
    for (int k = from; k < to; k++) {
      out.add((long) split.user(k) * items + split.item(k));
    }
    return out;
  }

  @Test
  void plantsTheShareOfUnobservedPairsIntoTrainAndValidOnly() {
    Dataset clean = clean();
    Dataset noisy = RandomNoiseInjector.inject(clean, 0.4, 11);
    int n = clean.train().size();
    int planted = (int) Math.round(n * 0.4 / 0.6);
    assertThat(noisy.train().size()).isEqualTo(n + planted);
    assertThat(noisy.valid().size())
        .isEqualTo(clean.valid().size() + (int) Math.round(clean.valid().size() * 0.4 / 0.6));
    assertThat(noisy.test().users()).isEqualTo(clean.test().users());
    assertThat(noisy.test().items()).isEqualTo(clean.test().items());

    boolean[] labels = noisy.trainNoiseLabels().orElseThrow();
    for (int k = 0; k < labels.length; k++) {
      assertThat(labels[k]).isEqualTo(k >= n);
    }
    int items = clean.numItems();
    Set<Long> observed = pairs(clean.train(), 0, n, items);
    observed.addAll(pairs(clean.valid(), 0, clean.valid().size(), items));
    observed.addAll(pairs(clean.test(), 0, clean.test().size(), items));
    Set<Long> plantedTrain = pairs(noisy.train(), n, noisy.train().size(), items);
    Set<Long> plantedValid = pairs(noisy.valid(), clean.valid().size(), noisy.valid().size(), items);
    assertThat(plantedTrain).hasSize(planted).doesNotContainAnyElementsOf(observed)
        .doesNotContainAnyElementsOf(plantedValid);
    assertThat(plantedValid).doesNotContainAnyElementsOf(observed);
  }

  @Test
  void theSameSeedPlantsTheSamePairsAndZeroPlantsNone() {
    Dataset clean = clean();
    assertThat(RandomNoiseInjector.inject(clean, 0.2, 3).fingerprint())
        .isEqualTo(RandomNoiseInjector.inject(clean, 0.2, 3).fingerprint())
        .isNotEqualTo(RandomNoiseInjector.inject(clean, 0.2, 4).fingerprint());
    assertThat(RandomNoiseInjector.inject(clean, 0, 3)).isSameAs(clean);
    assertThatThrownBy(() -> RandomNoiseInjector.inject(clean, 1.0, 3))
        .hasMessageContaining("data.inject_noise_ratio");
  }
}
