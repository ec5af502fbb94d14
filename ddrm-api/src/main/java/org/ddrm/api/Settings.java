package org.ddrm.api;

import java.util.List;

/**
 * Read access to a run's validated settings. Every getter throws an
 * {@link IllegalArgumentException} naming the key when the key is missing or its value does not
 * parse. A provider receives a view scoped to its own prefix, with its declared defaults applied.
 */
public interface Settings {
  String getString(String key);

  int getInt(String key);

  long getLong(String key);

  double getDouble(String key);

  boolean getBoolean(String key);

  /** A comma-separated list of integers, e.g. {@code 10,20,50}. */
  List<Integer> getIntList(String key);

  boolean contains(String key);

  /** The view of the keys under {@code prefix + "."}, with keys relative to it. */
  Settings scope(String prefix);
}
