package org.ddrm.core.evaluation;

/**
 * Top-K lists of a model: for each user (in {@link #users()} order) the ranked item ids and
 * their scores, best first, seen items left out.
 *
 * @param users the users, one list each
 * @param items each user's ranked items
 * @param scores each user's scores, parallel to {@code items}
 */
public record Recommendations(int[] users, int[][] items, float[][] scores) {
  public Recommendations {
    if (items.length != users.length || scores.length != users.length) {
      throw new IllegalArgumentException("recommendations: " + users.length + " users but "
          + items.length + " item lists and " + scores.length + " score lists");
    }
  }
}
