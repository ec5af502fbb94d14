package org.ddrm.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KCoreFilterTest {
  private static RatingTable table(String... pairs) {
    RatingTable table = new RatingTable();
    long t = 0;
    for (String pair : pairs) {
      String[] ui = pair.split("-");
      table.add(ui[0], ui[1], 5, t++);
    }
    return table;
  }

  @Test
  void iteratesUntilEveryUserAndItemMeetsItsMinimum() {
    // (2, 2): item z has one rating, so c-z goes; then c has one rating and c-y goes too.
    RatingTable ratings = table("a-x", "a-y", "b-x", "b-y", "c-y", "c-z");
    RatingTable kept = new KCoreFilter(2, 2).apply(ratings);
    assertThat(kept.size()).isEqualTo(4);
    for (int k = 0; k < kept.size(); k++) {
      assertThat(kept.userId(kept.user(k))).isIn("a", "b");
    }
    // (2, 3): x (2 ratings) and z go, leaving each user one rating of y: then nothing is left.
    assertThat(new KCoreFilter(2, 3).apply(ratings).size()).isZero();
  }

  @Test
  void theResultIsAFixedPointOnARandomLog() {
    SplittableRandom random = new SplittableRandom(5);
    RatingTable ratings = new RatingTable();
    for (int k = 0; k < 4000; k++) {
      ratings.add("u" + (int) Math.floor(Math.pow(random.nextDouble(), 3) * 300),
          "i" + (int) Math.floor(Math.pow(random.nextDouble(), 3) * 500), 4, k);
    }
    RatingTable kept = new KCoreFilter(5, 8).apply(ratings);
    assertThat(kept.size()).isPositive().isLessThan(4000);
    Map<Integer, Integer> users = new HashMap<>();
    Map<Integer, Integer> items = new HashMap<>();
    for (int k = 0; k < kept.size(); k++) {
      users.merge(kept.user(k), 1, Integer::sum);
      items.merge(kept.item(k), 1, Integer::sum);
    }
    assertThat(users.values()).allMatch(n -> n >= 5);
    assertThat(items.values()).allMatch(n -> n >= 8);
    assertThat(new KCoreFilter(5, 8).apply(kept).size()).isEqualTo(kept.size());
  }

  @Test
  void zeroMinimumsKeepEverything() {
    RatingTable ratings = table("a-x", "b-y");
    assertThat(KCoreFilter.none().apply(ratings).size()).isEqualTo(2);
  }
}
