package org.ddrm.core.data;

import java.util.Arrays;
import org.ddrm.api.Interactions;

/** A growable list of (user, item) pairs. */
final class PairBuffer {
  private int[] users;
  private int[] items;
  private int size;

  PairBuffer(int capacity) {
    users = new int[Math.max(capacity, 16)];
    items = new int[Math.max(capacity, 16)];
  }

  void add(int user, int item) {
    if (size == users.length) {
      users = Arrays.copyOf(users, size * 2);
      items = Arrays.copyOf(items, size * 2);
    }
    users[size] = user;
    items[size] = item;
    size++;
  }

  int size() {
    return size;
  }

  Interactions toInteractions() {
    return Interactions.wrap(Arrays.copyOf(users, size), Arrays.copyOf(items, size));
  }
}
