package org.ddrm.core.data;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one rating per (user, item) pair: the earliest (ties: the first in the file). Yelp and
 * Amazon dumps hold repeated reviews of one business or product by one user; a pair that stayed
 * twice could land in train and test at once, where the evaluator masks it.
 */
public final class RepeatedPairs {
  private static final Logger log = LoggerFactory.getLogger(RepeatedPairs.class);

  private RepeatedPairs() {}

  /** The ratings of {@code table} that are the first of their pair in time, in table order. */
  public static RatingTable keepFirst(RatingTable table) {
    int n = table.size();
    int[] order = table.chronologicalOrder();
    int[] start = new int[table.userCount() + 1];
    for (int k = 0; k < n; k++) {
      start[table.user(k) + 1]++;
    }
    for (int u = 0; u < table.userCount(); u++) {
      start[u + 1] += start[u];
    }
    int[] byUser = new int[n]; // positions grouped by user, each group in time order
    int[] fill = Arrays.copyOf(start, start.length - 1);
    for (int r : order) {
      byUser[fill[table.user(r)]++] = r;
    }
    boolean[] keep = new boolean[n];
    int repeated = 0;
    for (int u = 0; u < table.userCount(); u++) {
      int from = start[u];
      int size = start[u + 1] - from;
      long[] entries = new long[size]; // item above the rank in time: sorting groups each item
      for (int k = 0; k < size; k++) {
        entries[k] = (long) table.item(byUser[from + k]) << 32 | k;
      }
      Arrays.sort(entries);
      for (int k = 0; k < size; k++) {
        boolean first = k == 0 || (entries[k] >>> 32) != (entries[k - 1] >>> 32);
        keep[byUser[from + (int) entries[k]]] = first;
        repeated += first ? 0 : 1;
      }
    }
    if (repeated == 0) {
      return table;
    }
    log.info("{} repeated (user, item) ratings dropped, the earliest of each pair kept", repeated);
    return table.retain(keep);
  }
}
