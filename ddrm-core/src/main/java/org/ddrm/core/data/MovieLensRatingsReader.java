package org.ddrm.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads raw MovieLens ratings, {@code user::item::rating::timestamp} per line (ML-1M and ML-10M
 * {@code ratings.dat}). Lines separated by tabs or commas with the same four fields (ML-100K
 * {@code u.data}, {@code ratings.csv}) are read too, skipping a header line. Blank lines are
 * skipped; anything else malformed is a {@link DataFormatException} naming the file and line.
 */
public final class MovieLensRatingsReader {
  private MovieLensRatingsReader() {}

  /** All ratings of the file, in file order, with their original ids. */
  public static List<Rating> read(Path file) {
    List<Rating> ratings = new ArrayList<>();
    DelimitedRecords.forEach(file, Delimiter::detectRating, (fields, line, lineNumber) -> {
      if (fields.size() < 4) {
        throw DataFormatException.atLine(
            file, lineNumber,
            "expected 'user::item::rating::timestamp', found '" + line.strip() + "'");
      }
      ratings.add(new Rating(
          Ids.parseLong(fields.get(0), "user id", file, lineNumber),
          Ids.parseLong(fields.get(1), "item id", file, lineNumber),
          Ids.parseDouble(fields.get(2), "rating", file, lineNumber),
          Ids.parseLong(fields.get(3), "timestamp", file, lineNumber)));
    });
    return ratings;
  }
}
