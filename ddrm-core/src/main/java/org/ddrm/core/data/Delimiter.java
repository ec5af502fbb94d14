package org.ddrm.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Field separators of the text formats, detected from a sample line. */
enum Delimiter {
  TAB("\t"),
  COMMA(","),
  WHITESPACE(" ");

  private static final Pattern BLANKS = Pattern.compile("\\s+");
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  private final String separator;

  Delimiter(String separator) {
    this.separator = separator;
  }

  /** Tab if the line has one, else comma, else runs of blanks. */
  static Delimiter detectPair(String line) {
    if (line.indexOf('\t') >= 0) {
      return TAB;
    }
    return line.indexOf(',') >= 0 ? COMMA : WHITESPACE;
  }

  /** The trimmed fields of a line. */
  List<String> split(String line) {
    List<String> fields = new ArrayList<>(4);
    if (this == WHITESPACE) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty()) {
        fields.addAll(List.of(BLANKS.split(trimmed)));
      }
      return fields;
    }
    int start = 0;
    while (true) {
      int end = line.indexOf(separator, start);
      if (end < 0) {
        fields.add(line.substring(start).strip());
        return fields;
      }
      fields.add(line.substring(start, end).strip());
      start = end + separator.length();
    }
  }

  /** A header line: none of its first two fields is a number. */
  static boolean isHeader(List<String> fields) {
    for (int k = 0; k < Math.min(2, fields.size()); k++) {
      if (NUMBER.matcher(fields.get(k)).matches()) {
        return false;
      }
    }
    return true;
  }

  /** Drops a UTF-8 byte-order mark read as ISO-8859-1 or UTF-16 from the first line. */
  static String stripByteOrderMark(String line) {
    if (line.startsWith("\u00ef\u00bb\u00bf")) {
      return line.substring(3);
    }
    return line.startsWith("\ufeff") ? line.substring(1) : line;
  }
}
