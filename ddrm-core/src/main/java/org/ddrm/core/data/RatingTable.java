package org.ddrm.core.data;

import java.util.Arrays;

/**
 * Explicit ratings held column by column (20 bytes a rating: user, item, rating, time), with the
 * original user and item ids. Readers stream into {@link #add}; memory grows with the ratings
 * kept and the distinct ids, not with the bytes of the file they came from.
 */
public final class RatingTable {
  private final IdIndex users;
  private final IdIndex items;
  private int[] user;
  private int[] item;
  private float[] rating;
  private long[] time;
  private int size;

  /** An empty table. */
  public RatingTable() {
    this(new IdIndex(), new IdIndex(), 1 << 12);
  }

  private RatingTable(IdIndex users, IdIndex items, int capacity) {
    this.users = users;
    this.items = items;
    int n = Math.max(capacity, 16);
    user = new int[n];
    item = new int[n];
    rating = new float[n];
    time = new long[n];
  }

  /** Adds one rating under the original ids. */
  public void add(String originalUser, String originalItem, double value, long seconds) {
    append(users.intern(originalUser), items.intern(originalItem), (float) value, seconds);
  }

  private void append(int u, int i, float value, long seconds) {
    if (size == user.length) {
      int n = size + (size >> 1);
      user = Arrays.copyOf(user, n);
      item = Arrays.copyOf(item, n);
      rating = Arrays.copyOf(rating, n);
      time = Arrays.copyOf(time, n);
    }
    user[size] = u;
    item[size] = i;
    rating[size] = value;
    time[size] = seconds;
    size++;
  }

  /** The number of ratings. */
  public int size() {
    return size;
  }

  /** The user of rating {@code k}, numbered in first-seen order (see {@link #userId}). */
  public int user(int k) {
    return user[k];
  }

  public int item(int k) {
    return item[k];
  }

  public double rating(int k) {
    return rating[k];
  }

  public long time(int k) {
    return time[k];
  }

  /** The original id of user number {@code u}. */
  public String userId(int u) {
    return users.original(u);
  }

  public String itemId(int i) {
    return items.original(i);
  }

  /** Users ever added (an upper bound on the user numbers). */
  public int userCount() {
    return users.size();
  }

  public int itemCount() {
    return items.size();
  }

  /** The ratings whose positions are set in {@code keep}, in order, sharing this table's ids. */
  public RatingTable retain(boolean[] keep) {
    int kept = 0;
    for (int k = 0; k < size; k++) {
      kept += keep[k] ? 1 : 0;
    }
    RatingTable out = new RatingTable(users, items, kept);
    for (int k = 0; k < size; k++) {
      if (keep[k]) {
        out.append(user[k], item[k], rating[k], time[k]);
      }
    }
    return out;
  }

  /**
   * Positions in time order; ratings with equal times keep their order (a stable sort), so a
   * file's own order breaks ties.
   */
  int[] chronologicalOrder() {
    int[] order = new int[size];
    if (size == 0) {
      return order;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int k = 0; k < size; k++) {
      min = Math.min(min, time[k]);
      max = Math.max(max, time[k]);
    }
    int indexBits = 64 - Long.numberOfLeadingZeros(Math.max(1, size - 1));
    long range = max - min;
    if (range >= 0 && (64 - Long.numberOfLeadingZeros(range)) + indexBits <= 63) {
      long[] keys = new long[size]; // (time - min) above the position: one primitive sort
      for (int k = 0; k < size; k++) {
        keys[k] = ((time[k] - min) << indexBits) | k;
      }
      Arrays.sort(keys);
      long mask = (1L << indexBits) - 1;
      for (int k = 0; k < size; k++) {
        order[k] = (int) (keys[k] & mask);
      }
      return order;
    }
    Integer[] boxed = new Integer[size];
    for (int k = 0; k < size; k++) {
      boxed[k] = k;
    }
    Arrays.sort(boxed, (a, b) -> Long.compare(time[a], time[b])); // stable
    for (int k = 0; k < size; k++) {
      order[k] = boxed[k];
    }
    return order;
  }
}
