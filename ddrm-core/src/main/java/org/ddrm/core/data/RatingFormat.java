package org.ddrm.core.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The raw rating dumps {@code ddrm data prepare} reads, each streamed into a {@link RatingTable}. */
public enum RatingFormat {
  /**
   * MovieLens: {@code ratings.dat} ({@code user::item::rating::time}, ML-1M/10M, no header),
   * {@code ratings.csv} (ML-20M/25M, header {@code userId,movieId,rating,timestamp}) or
   * {@code u.data} (ML-100K, tab-separated, no header); told apart by the first line.
   */
  MOVIELENS,
  /** The Yelp Open Dataset review file: JSON lines with user_id, business_id, stars, date. */
  YELP,
  /**
   * Amazon: the ratings-only CSV ({@code user,item,rating,unix time}, no header) or review JSON
   * lines (reviewerID, asin, overall, unixReviewTime); plain or gzip; told apart by the first
   * character.
   */
  AMAZON,
  /** RecBole atomic {@code .inter}: tab-separated, typed header (user_id:token, item_id:token, ...). */
  RECBOLE,
  /** Any delimited file, columns as a {@link CsvLayout} says. */
  CSV;

  /** The format called {@code name} (case-insensitive). */
  public static RatingFormat named(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown format '" + name
          + "': use movielens, yelp, amazon, recbole or csv", e);
    }
  }

  /** All ratings of {@code file}; {@code layout} is used by {@link #CSV} only. */
  public RatingTable read(Path file, CsvLayout layout) {
    return reader(file, layout).read(file);
  }

  private RatingReader reader(Path file, CsvLayout layout) {
    switch (this) {
      case YELP:
        return JsonLinesRatingReader.yelp();
      case RECBOLE:
        return new DelimitedRatingReader("\t", DelimitedRatingReader.Header.TYPED,
            ColumnRef.named("user_id"), ColumnRef.named("item_id"), ColumnRef.named("rating"),
            Optional.of(ColumnRef.named("timestamp")), "user_id, item_id, rating, timestamp");
      case CSV:
        return layout.reader();
      default:
        break;
    }
    String first = InputFiles.firstLine(file);
    if (first == null) {
      return RatingReader::noRatingsReader;
    }
    if (this == AMAZON) {
      return first.stripLeading().startsWith("{")
          ? JsonLinesRatingReader.amazon()
          : CsvLayout.defaults().reader();
    }
    if (first.contains("::")) {
      return numbered("::", "user::item::rating::timestamp");
    }
    if (first.contains(",")) {
      return new DelimitedRatingReader(",", DelimitedRatingReader.Header.NAMES,
          ColumnRef.named("userId"), ColumnRef.named("movieId"), ColumnRef.named("rating"),
          Optional.of(ColumnRef.named("timestamp")), "userId,movieId,rating,timestamp");
    }
    return numbered("\t", "user<TAB>item<TAB>rating<TAB>timestamp");
  }

  private static RatingReader numbered(String delimiter, String layout) {
    return new DelimitedRatingReader(delimiter, DelimitedRatingReader.Header.NONE,
        ColumnRef.at(0), ColumnRef.at(1), ColumnRef.at(2), Optional.of(ColumnRef.at(3)), layout);
  }
}
