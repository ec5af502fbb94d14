package org.ddrm.core.data;

import java.util.Optional;

/**
 * Where the fields of a generic delimited ratings file are.
 *
 * @param delimiter field separator
 * @param header whether the first non-blank line names the columns (required for named columns)
 * @param user user column
 * @param item item column
 * @param rating rating column
 * @param time time column; empty: the file's order is the time order
 */
public record CsvLayout(String delimiter, boolean header, ColumnRef user, ColumnRef item,
    ColumnRef rating, Optional<ColumnRef> time) {

  /** {@code user,item,rating,time} without a header: columns 0 to 3, comma-separated. */
  public static CsvLayout defaults() {
    return new CsvLayout(",", false, ColumnRef.at(0), ColumnRef.at(1), ColumnRef.at(2),
        Optional.of(ColumnRef.at(3)));
  }

  DelimitedRatingReader reader() {
    return new DelimitedRatingReader(delimiter,
        header ? DelimitedRatingReader.Header.NAMES : DelimitedRatingReader.Header.NONE,
        user, item, rating, time,
        "user " + user + ", item " + item + ", rating " + rating
            + time.map(t -> ", time " + t).orElse(""));
  }
}
