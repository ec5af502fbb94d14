package org.ddrm.core.data;

import java.nio.file.Path;

/**
 * Reads a raw ratings file of one format into a {@link RatingTable}, as a stream. A file without
 * a single rating, and any malformed line, is a {@link DataFormatException} naming the file (and
 * the line).
 */
@FunctionalInterface
public interface RatingReader {
  RatingTable read(Path file);

  /** The error for a file that held no rating. */
  static DataFormatException noRatings(Path file) {
    return DataFormatException.inFile(file, "no ratings in the file (it is empty)");
  }

  /** A reader for a file known to be empty: always {@link #noRatings}. */
  static RatingTable noRatingsReader(Path file) {
    throw noRatings(file);
  }
}
