package org.ddrm.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepeatedPairsTest {
  @Test
  void keepsTheEarliestRatingOfEachUserItemPair() {
    RatingTable table = new RatingTable();
    table.add("ann", "x", 2, 50);
    table.add("ann", "y", 5, 10);
    table.add("ann", "x", 5, 20); // earlier than the first line's: this one stays
    table.add("bob", "x", 1, 20);
    table.add("ann", "x", 4, 20); // same time as the kept one, later in the file
    RatingTable kept = RepeatedPairs.keepFirst(table);
    assertThat(kept.size()).isEqualTo(3);
    for (int k = 0; k < kept.size(); k++) {
      if (kept.userId(kept.user(k)).equals("ann") && kept.itemId(kept.item(k)).equals("x")) {
        assertThat(kept.rating(k)).isEqualTo(5);
        assertThat(kept.time(k)).isEqualTo(20);
      }
    }
  }

  @Test
  void aTableWithoutRepeatsIsReturnedAsItIs() {
    RatingTable table = new RatingTable();
    table.add("ann", "x", 2, 50);
    table.add("bob", "x", 2, 50);
    assertThat(RepeatedPairs.keepFirst(table)).isSameAs(table);
  }
}
