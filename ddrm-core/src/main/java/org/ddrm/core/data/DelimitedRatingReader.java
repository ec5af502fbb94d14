package org.ddrm.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Ratings from a delimited text file (Commons CSV, streamed; plain or gzip): one rating per line,
 * the user, item, rating and (optionally) time columns chosen by index or by header name. A file
 * has a header line only where its {@link Header} says so: a first line that does not parse is
 * an error naming line 1, never skipped. Fields may be quoted ("...") unless the delimiter is a
 * tab or {@code ::}. Without a time column the file's order is the time.
 */
public final class DelimitedRatingReader implements RatingReader {
  /** Whether the first non-blank line names the columns. */
  public enum Header {
    NONE,
    /** A header line of plain names. */
    NAMES,
    /** RecBole's typed header: every field {@code name:type}. */
    TYPED
  }

  private final String delimiter;
  private final Header header;
  private final ColumnRef user;
  private final ColumnRef item;
  private final ColumnRef rating;
  private final ColumnRef time; // null: the file's order
  private final String layout;

  /**
   * @param delimiter the field separator ({@code ","}, {@code "\t"}, {@code "::"}, ...)
   * @param header whether the file starts with a header line
   * @param user the user column
   * @param item the item column
   * @param rating the rating column
   * @param time the time column (seconds, integer or decimal); empty: the file's order
   * @param layout how a line should look, for error messages
   */
  public DelimitedRatingReader(String delimiter, Header header, ColumnRef user, ColumnRef item,
      ColumnRef rating, Optional<ColumnRef> time, String layout) {
    this.delimiter = delimiter;
    this.header = header;
    this.user = user;
    this.item = item;
    this.rating = rating;
    this.time = time.orElse(null);
    this.layout = layout;
    Objects.requireNonNull(user, "user column");
    Objects.requireNonNull(item, "item column");
    Objects.requireNonNull(rating, "rating column");
    if (header == Header.NONE) {
      for (ColumnRef c : columns()) {
        if (c != null && c.byName()) {
          throw new IllegalArgumentException(
              "column " + c + " is named, but the file has no header line: give an index");
        }
      }
    }
  }

  @Override
  public RatingTable read(Path file) {
    CSVFormat format = CSVFormat.DEFAULT.builder()
        .setDelimiter(delimiter)
        .setQuote(delimiter.equals("\t") || delimiter.equals("::")
            ? null : Character.valueOf('"'))
        .setIgnoreEmptyLines(false)
        .setTrim(true)
        .build();
    RatingTable table = new RatingTable();
    try (BufferedReader reader = InputFiles.open(file);
        CSVParser parser = CSVParser.parse(reader, format)) {
      int[] at = header == Header.NONE ? indices(List.of(), file, 0) : null;
      int needed = at == null ? 0 : maxOf(at) + 1;
      long end = 0;
      long order = 0;
      for (CSVRecord record : parser) {
        long line = end + 1;
        end = Math.max(line, parser.getCurrentLineNumber());
        if (record.size() == 1 && record.get(0).isEmpty()) {
          continue; // blank line
        }
        if (at == null) {
          at = readHeader(record, file, line);
          needed = maxOf(at) + 1;
          continue;
        }
        if (record.size() < needed) {
          throw DataFormatException.atLine(file, line, "expected " + needed + " fields ("
              + layout + "), found " + record.size() + ": '" + joined(record) + "'");
        }
        double value = Ids.parseDouble(record.get(at[2]), "rating", file, line);
        long seconds = at[3] < 0 ? order : parseTime(record.get(at[3]), file, line);
        order++;
        table.add(id(record.get(at[0]), "user id", file, line),
            id(record.get(at[1]), "item id", file, line), value, seconds);
      }
    } catch (IOException e) {
      throw InputFiles.readFailure(file, e);
    } catch (UncheckedIOException e) { // Commons CSV's parse errors (an unclosed quote, say)
      throw DataFormatException.inFile(file, String.valueOf(e.getCause().getMessage()));
    }
    if (table.size() == 0) {
      throw RatingReader.noRatings(file);
    }
    return table;
  }

  private int[] readHeader(CSVRecord record, Path file, long line) {
    List<String> names = record.toList();
    if (header == Header.TYPED) {
      for (String field : names) {
        if (field.indexOf(':') <= 0) {
          throw DataFormatException.atLine(file, line, "header field '" + field
              + "' has no type: a RecBole atomic file starts with 'name:type' fields, e.g."
              + " 'user_id:token'");
        }
      }
    }
    return indices(names, file, line);
  }

  private int[] indices(List<String> names, Path file, long line) {
    List<ColumnRef> refs = columns();
    int[] at = new int[4];
    for (int k = 0; k < 4; k++) {
      ColumnRef ref = refs.get(k);
      if (ref == null) {
        at[k] = -1;
        continue;
      }
      at[k] = ref.find(names);
      if (at[k] < 0) {
        throw DataFormatException.atLine(file, line, "the header has no column " + ref
            + " (it has " + String.join(", ", names) + ")");
      }
    }
    return at;
  }

  /** User, item, rating and time (which may be {@code null}). */
  private List<ColumnRef> columns() {
    return Arrays.asList(user, item, rating, time);
  }

  private static int maxOf(int[] at) {
    int max = 0;
    for (int a : at) {
      max = Math.max(max, a);
    }
    return max;
  }

  private static String id(String field, String what, Path file, long line) {
    if (field.isEmpty()) {
      throw DataFormatException.atLine(file, line, what + " is empty");
    }
    return field;
  }

  /** Seconds as an integer, or as a decimal (RecBole's {@code timestamp:float}), truncated. */
  static long parseTime(String field, Path file, long line) {
    try {
      return Long.parseLong(field);
    } catch (NumberFormatException e) {
      return (long) Ids.parseDouble(field, "timestamp", file, line);
    }
  }

  private static String joined(CSVRecord record) {
    return String.join(" | ", record.toList());
  }
}
