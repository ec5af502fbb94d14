package org.ddrm.core.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Original ids (user or item names as found in a raw file) numbered densely in first-seen order. */
final class IdIndex {
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String> originals = new ArrayList<>();

  /** The dense number of {@code original}, assigning the next one if it is new. */
  int intern(String original) {
    Integer known = index.get(original);
    if (known != null) {
      return known;
    }
    int next = originals.size();
    index.put(original, next);
    originals.add(original);
    return next;
  }

  String original(int id) {
    return originals.get(id);
  }

  int size() {
    return originals.size();
  }
}
