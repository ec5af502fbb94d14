package org.ddrm.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.ddrm.api.Dataset;
import org.ddrm.api.Interactions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NaturalNoiseSplitTest {
  /** Ten ratings out of time order, with a tie at t = 10 and a low rating in the test period. */
  private static final List<Rating> RATINGS = List.of(
      new Rating(100, 5, 5, 50),
      new Rating(200, 6, 2, 10),
      new Rating(100, 7, 4, 10),
      new Rating(300, 5, 3, 20),
      new Rating(200, 8, 5, 30),
      new Rating(300, 9, 1, 40),
      new Rating(100, 6, 4, 60),
      new Rating(400, 7, 2, 80),
      new Rating(200, 9, 5, 70),
      new Rating(500, 10, 4, 90));

  @TempDir Path dir;

  private static List<int[]> pairs(Interactions split) {
    List<int[]> out = new ArrayList<>();
    for (int k = 0; k < split.size(); k++) {
      out.add(new int[] {split.user(k), split.item(k)});
    }
    return out;
  }

  @Test
  void splitsChronologicallySevenOneTwoAndRemapsIdsByFirstAppearance() {
    Dataset data = new NaturalNoiseSplit().split("ml-tiny", RATINGS);

    // time order: (200,6,2) (100,7,4) | (300,5,3) (200,8,5) (300,9,1) (100,5,5) (100,6,4)
    //   | valid (200,9,5) | test (400,7,2) dropped, (500,10,4)
    // users 200->0 100->1 300->2 500->3 (400 never kept); items 6->0 7->1 5->2 8->3 9->4 10->5
    assertThat(pairs(data.train())).containsExactly(
        new int[] {0, 0}, new int[] {1, 1}, new int[] {2, 2}, new int[] {0, 3},
        new int[] {2, 4}, new int[] {1, 2}, new int[] {1, 0});
    assertThat(pairs(data.valid())).containsExactly(new int[] {0, 4});
    assertThat(pairs(data.test())).containsExactly(new int[] {3, 5});
    assertThat(data.name()).isEqualTo("ml-tiny");
    assertThat(data.numUsers()).isEqualTo(4);
    assertThat(data.numItems()).isEqualTo(6);
  }

  @Test
  void labelsExactlyTheLowRatingsInTrainAsNoise() {
    Dataset data = new NaturalNoiseSplit().split("ml-tiny", RATINGS);
    assertThat(data.trainNoiseLabels()).hasValueSatisfying(labels -> assertThat(labels)
        .containsExactly(true, false, true, false, true, false, false));
  }

  @Test
  void keepsOnlyTruePositivesInTestOnARandomRatingLog() {
    SplittableRandom random = new SplittableRandom(3);
    List<Rating> ratings = new ArrayList<>();
    for (int k = 0; k < 5000; k++) {
      ratings.add(new Rating(random.nextInt(300) * 7L + 1000, random.nextInt(400) * 3L,
          1 + random.nextInt(5), random.nextInt(2000))); // many timestamp ties
    }
    List<Rating> sorted = new ArrayList<>(ratings);
    sorted.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
    List<Rating> expectedTest = sorted.subList(4000, 5000).stream()
        .filter(r -> r.rating() >= 4).toList();

    Dataset data = new NaturalNoiseSplit().split("random", ratings);

    assertThat(data.train().size()).isEqualTo(3500);
    assertThat(data.valid().size()).isEqualTo(500);
    assertThat(data.test().size()).isEqualTo(expectedTest.size()).isLessThan(1000);
    // ids are dense: every id below the counts occurs somewhere
    Set<Integer> users = new HashSet<>();
    Set<Integer> items = new HashSet<>();
    for (Interactions split : List.of(data.train(), data.valid(), data.test())) {
      for (int k = 0; k < split.size(); k++) {
        users.add(split.user(k));
        items.add(split.item(k));
      }
    }
    assertThat(users).hasSize(data.numUsers()).allMatch(u -> u < data.numUsers());
    assertThat(items).hasSize(data.numItems()).allMatch(i -> i < data.numItems());
    // the test pairs are the high ratings of the last fifth: map them back through train order
    Map<Integer, Long> originalUser = new HashMap<>();
    Map<Integer, Long> originalItem = new HashMap<>();
    Map<Long, Integer> denseUser = new HashMap<>();
    Map<Long, Integer> denseItem = new HashMap<>();
    List<Rating> kept = new ArrayList<>(sorted.subList(0, 4000));
    kept.addAll(expectedTest);
    Interactions[] splits = {data.train(), data.valid(), data.test()};
    int position = 0;
    for (Interactions split : splits) {
      for (int k = 0; k < split.size(); k++, position++) {
        Rating r = kept.get(position);
        assertThat(originalUser.computeIfAbsent(split.user(k), u -> r.user()))
            .isEqualTo(r.user());
        assertThat(originalItem.computeIfAbsent(split.item(k), i -> r.item()))
            .isEqualTo(r.item());
        int user = split.user(k);
        int item = split.item(k);
        assertThat(denseUser.computeIfAbsent(r.user(), u -> user)).isEqualTo(user);
        assertThat(denseItem.computeIfAbsent(r.item(), i -> item)).isEqualTo(item);
      }
    }
    for (int k = 0; k < data.test().size(); k++) {
      assertThat(expectedTest.get(k).rating()).isGreaterThanOrEqualTo(4);
    }
    // noise labels mark exactly the train ratings below 4, in time order
    boolean[] labels = data.trainNoiseLabels().orElseThrow();
    for (int k = 0; k < 3500; k++) {
      assertThat(labels[k]).as("train pair %d", k).isEqualTo(sorted.get(k).rating() < 4);
    }
  }

  @Test
  void testHoldsNoRatingBelowTheThreshold() {
    List<Rating> ratings = new ArrayList<>();
    for (int k = 0; k < 100; k++) {
      ratings.add(new Rating(k % 10, k, k % 2 == 0 ? 4.5 : 3.5, k));
    }
    Dataset data = new NaturalNoiseSplit().split("alternating", ratings);
    // the last 20 ratings (t = 80..99) alternate 4.5 / 3.5: only the 10 at 4.5 stay
    assertThat(data.test().size()).isEqualTo(10);
    assertThat(data.train().size()).isEqualTo(70);
    assertThat(data.valid().size()).isEqualTo(10);
  }

  @Test
  void acceptsOtherSharesAndThresholds() {
    Dataset data = new NaturalNoiseSplit(0.5, 0.2, 2).split("custom", RATINGS);
    assertThat(data.train().size()).isEqualTo(5);
    assertThat(data.valid().size()).isEqualTo(2);
    // test period (200,9,5) (400,7,2) (500,10,4): all at or above 2
    assertThat(data.test().size()).isEqualTo(3);
    assertThat(data.trainNoiseLabels().orElseThrow())
        .containsExactly(false, false, false, false, true);
  }

  @Test
  void rejectsSharesThatDoNotFit() {
    assertThatThrownBy(() -> new NaturalNoiseSplit(0.8, 0.3, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("train + valid <= 1");
  }

  @Test
  void writtenSplitLoadsBackWithItsNoiseLabels() {
    Dataset data = new NaturalNoiseSplit().split("ml-tiny", RATINGS);
    Path out = dir.resolve("ml-tiny");
    SplitDirectory.write(data, out);
    Dataset loaded = SplitDirectory.load(out);
    assertThat(loaded.fingerprint()).isEqualTo(data.fingerprint());
    assertThat(loaded.trainNoiseLabels().orElseThrow())
        .containsExactly(data.trainNoiseLabels().orElseThrow());
  }

  @Test
  void splitsAnEmptyLogIntoAnEmptyDataSet() {
    Dataset data = new NaturalNoiseSplit().split("empty", List.of());
    assertThat(data.numUsers()).isZero();
    assertThat(data.train().size()).isZero();
  }
}
