package org.ddrm.core.data;

import java.util.List;
import java.util.Locale;

/**
 * A column of a delimited file, by 0-based index or by header name (case-insensitive; a RecBole
 * header field {@code name:type} matches {@code name}).
 *
 * @param name the header name, or {@code null} for an index
 * @param index the 0-based index, when no name is given
 */
public record ColumnRef(String name, int index) {
  /** {@code "2"} is index 2; anything else is a name. */
  public static ColumnRef parse(String text) {
    String t = text.strip();
    if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
      return new ColumnRef(null, Integer.parseInt(t));
    }
    return new ColumnRef(t, -1);
  }

  public static ColumnRef at(int index) {
    return new ColumnRef(null, index);
  }

  public static ColumnRef named(String name) {
    return new ColumnRef(name, -1);
  }

  boolean byName() {
    return name != null;
  }

  /** The index of this column in {@code header}, or -1. */
  int find(List<String> header) {
    if (!byName()) {
      return index;
    }
    for (int k = 0; k < header.size(); k++) {
      String field = header.get(k).strip();
      int colon = field.indexOf(':');
      String bare = colon >= 0 ? field.substring(0, colon) : field;
      if (field.equalsIgnoreCase(name) || bare.equalsIgnoreCase(name)) {
        return k;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return byName() ? "'" + name + "'" : String.format(Locale.ROOT, "#%d", index);
  }
}
