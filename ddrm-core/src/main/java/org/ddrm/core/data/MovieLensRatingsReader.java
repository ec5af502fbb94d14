package org.ddrm.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      Delimiter delimiter = null;
      boolean firstLine = true;
      long lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (lineNumber == 1) {
          line = Delimiter.stripByteOrderMark(line);
        }
        if (line.isBlank()) {
          continue;
        }
        if (delimiter == null) {
          delimiter = Delimiter.detectRating(line);
        }
        List<String> fields = delimiter.split(line);
        if (firstLine) {
          firstLine = false;
          if (Delimiter.isHeader(fields)) {
            delimiter = null;
            continue;
          }
        }
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
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e, e);
    }
    return ratings;
  }
}
