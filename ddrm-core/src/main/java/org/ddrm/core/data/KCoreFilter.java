package org.ddrm.core.data;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * k-core filtering: drops the ratings of users with fewer than {@code minUser} ratings and of
 * items with fewer than {@code minItem}, again and again until every user and item left meets
 * its minimum (a fixed point; dropping an item can push a user below the bar, and back).
 *
 * @param minUser fewest ratings a user keeps (0 or 1: no filter)
 * @param minItem fewest ratings an item keeps
 */
public record KCoreFilter(int minUser, int minItem) {
  private static final Logger log = LoggerFactory.getLogger(KCoreFilter.class);

  public KCoreFilter {
    if (minUser < 0 || minItem < 0) {
      throw new IllegalArgumentException(
          "k-core minimums must be non-negative: user " + minUser + ", item " + minItem);
    }
  }

  /** No filtering. */
  public static KCoreFilter none() {
    return new KCoreFilter(0, 0);
  }

  /** The ratings of {@code table} that survive, in their order. */
  public RatingTable apply(RatingTable table) {
    if (minUser <= 1 && minItem <= 1) {
      return table;
    }
    int n = table.size();
    boolean[] keep = new boolean[n];
    Arrays.fill(keep, true);
    int[] userCount = new int[table.userCount()];
    int[] itemCount = new int[table.itemCount()];
    int rounds = 0;
    boolean changed = true;
    while (changed) {
      rounds++;
      Arrays.fill(userCount, 0);
      Arrays.fill(itemCount, 0);
      for (int k = 0; k < n; k++) {
        if (keep[k]) {
          userCount[table.user(k)]++;
          itemCount[table.item(k)]++;
        }
      }
      changed = false;
      for (int k = 0; k < n; k++) {
        if (keep[k] && (userCount[table.user(k)] < minUser
            || itemCount[table.item(k)] < minItem)) {
          keep[k] = false;
          changed = true;
        }
      }
    }
    RatingTable kept = table.retain(keep);
    log.info("{}-core (users) / {}-core (items): {} of {} ratings kept after {} rounds",
        minUser, minItem, kept.size(), n, rounds);
    return kept;
  }
}
