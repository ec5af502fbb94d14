package org.ddrm.api;

import java.util.Arrays;

/**
 * A binary user-item matrix in compressed-row form: for every user, the sorted, de-duplicated
 * ids of the items they interacted with. Lookups are O(log degree).
 */
public final class UserItemMatrix {
  private final int numUsers;
  private final int numItems;
  private final int[] rowStart;
  private final int[] columns;

  private UserItemMatrix(int numUsers, int numItems, int[] rowStart, int[] columns) {
    this.numUsers = numUsers;
    this.numItems = numItems;
    this.rowStart = rowStart;
    this.columns = columns;
  }

  /** Builds the matrix of the given pairs; repeated pairs count once. */
  public static UserItemMatrix of(int numUsers, int numItems, Interactions pairs) {
    int[] counts = new int[numUsers + 1];
    for (int k = 0; k < pairs.size(); k++) {
      int u = pairs.user(k);
      int i = pairs.item(k);
      if (u < 0 || u >= numUsers || i < 0 || i >= numItems) {
        throw new IllegalArgumentException(
            "pair (" + u + ", " + i + ") outside " + numUsers + " users x " + numItems + " items");
      }
      counts[u + 1]++;
    }
    for (int u = 0; u < numUsers; u++) {
      counts[u + 1] += counts[u];
    }
    int[] fill = Arrays.copyOf(counts, numUsers);
    int[] raw = new int[pairs.size()];
    for (int k = 0; k < pairs.size(); k++) {
      raw[fill[pairs.user(k)]++] = pairs.item(k);
    }
    int[] start = new int[numUsers + 1];
    int out = 0;
    for (int u = 0; u < numUsers; u++) {
      Arrays.sort(raw, counts[u], counts[u + 1]);
      start[u] = out;
      for (int k = counts[u]; k < counts[u + 1]; k++) {
        if (k == counts[u] || raw[k] != raw[k - 1]) {
          raw[out++] = raw[k];
        }
      }
    }
    start[numUsers] = out;
    return new UserItemMatrix(numUsers, numItems, start, Arrays.copyOf(raw, out));
  }

  public int numUsers() {
    return numUsers;
  }

  public int numItems() {
    return numItems;
  }

  /** Number of distinct (user, item) entries. */
  public int nnz() {
    return columns.length;
  }

  public int degree(int user) {
    return rowStart[user + 1] - rowStart[user];
  }

  /** The sorted item ids of one user (a copy). */
  public int[] items(int user) {
    return Arrays.copyOfRange(columns, rowStart[user], rowStart[user + 1]);
  }

  /** The k-th (0-based) item of a user in ascending id order; no bounds check beyond the array's. */
  public int item(int user, int k) {
    return columns[rowStart[user] + k];
  }

  public boolean contains(int user, int item) {
    return Arrays.binarySearch(columns, rowStart[user], rowStart[user + 1], item) >= 0;
  }

  /** Users with at least one item. */
  public int activeUsers() {
    int n = 0;
    for (int u = 0; u < numUsers; u++) {
      if (degree(u) > 0) {
        n++;
      }
    }
    return n;
  }
}
