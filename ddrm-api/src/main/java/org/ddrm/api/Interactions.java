package org.ddrm.api;

import java.util.Arrays;

/** An immutable list of (user, item) pairs with dense, 0-based ids, in file order. */
public final class Interactions {
  private final int[] users;
  private final int[] items;

  private Interactions(int[] users, int[] items) {
    if (users.length != items.length) {
      throw new IllegalArgumentException(
          "users and items differ in length: " + users.length + " vs " + items.length);
    }
    this.users = users;
    this.items = items;
  }

  /** Copies the two parallel arrays into a new pair list. */
  public static Interactions of(int[] users, int[] items) {
    return new Interactions(users.clone(), items.clone());
  }

  /** Wraps arrays the caller promises never to change again (used by readers to avoid copies). */
  public static Interactions wrap(int[] users, int[] items) {
    return new Interactions(users, items);
  }

  public static Interactions empty() {
    return new Interactions(new int[0], new int[0]);
  }

  public int size() {
    return users.length;
  }

  public int user(int index) {
    return users[index];
  }

  public int item(int index) {
    return items[index];
  }

  public int[] users() {
    return users.clone();
  }

  public int[] items() {
    return items.clone();
  }

  /** Largest user id plus one, or 0 when empty. */
  public int userBound() {
    return Arrays.stream(users).max().orElse(-1) + 1;
  }

  /** Largest item id plus one, or 0 when empty. */
  public int itemBound() {
    return Arrays.stream(items).max().orElse(-1) + 1;
  }
}
