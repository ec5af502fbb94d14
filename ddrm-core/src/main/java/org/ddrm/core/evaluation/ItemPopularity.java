package org.ddrm.core.evaluation;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.ddrm.api.UserItemMatrix;

/**
 * Item popularity in the train split, for the popularity-bias metrics: each item's number of
 * train interactions, and which items form the long tail — every item outside the short head,
 * the {@value #HEAD_SHARE} most popular fifth of the items (by train count, ties to the lower
 * id; at least one item).
 *
 * @param counts train interactions per item
 * @param longTail whether each item lies in the long tail
 */
public record ItemPopularity(int[] counts, boolean[] longTail) {
  /** The share of items, most popular first, that forms the short head. */
  public static final double HEAD_SHARE = 0.2;

  /** The popularity of the items of a train matrix over {@code numItems} items. */
  public static ItemPopularity of(UserItemMatrix train, int numUsers, int numItems) {
    int[] counts = new int[numItems];
    for (int user = 0; user < numUsers; user++) {
      for (int item : train.items(user)) {
        counts[item]++;
      }
    }
    int head = Math.max(1, (int) Math.ceil(HEAD_SHARE * numItems));
    boolean[] longTail = new boolean[numItems];
    Arrays.fill(longTail, true);
    IntStream.range(0, numItems).boxed()
        .sorted(Comparator.comparingInt((Integer i) -> -counts[i]).thenComparingInt(i -> i))
        .limit(head)
        .forEach(i -> longTail[i] = false);
    return new ItemPopularity(counts, longTail);
  }
}
