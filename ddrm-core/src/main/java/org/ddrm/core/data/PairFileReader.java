package org.ddrm.core.data;

import java.nio.file.Path;
import org.ddrm.api.Interactions;

/**
 * Reads {@code user item} pairs from a text file, one pair per line, with 0-based non-negative
 * integer ids.
 *
 * <p>The delimiter is detected once per file from the first data line: tab if it has one, else
 * comma, else runs of blanks. A first line whose first two fields are both non-numeric (such as
 * {@code user\titem}) is a header and skipped; blank lines are skipped and fields are trimmed.
 * A line with other than exactly two fields, an id that is not a non-negative integer, and a file
 * without a single pair are each a {@link DataFormatException} naming the file (and the 1-based
 * line). Files with ratings or times in further columns are read by {@code ddrm data prepare}.
 */
public final class PairFileReader {
  private PairFileReader() {}

  /** Reads all pairs of a file, in file order. */
  public static Interactions read(Path file) {
    PairBuffer pairs = new PairBuffer(1 << 12);
    DelimitedRecords.forEach(file, Delimiter::detectPair, (fields, line, lineNumber) -> {
      if (fields.size() != 2) {
        throw DataFormatException.atLine(file, lineNumber, "expected exactly two fields 'user"
            + " item', found " + fields.size() + ": '" + line.strip() + "'" + (fields.size() > 2
                ? " (a file with ratings or times is split first with 'ddrm data prepare')" : ""));
      }
      pairs.add(
          Ids.parse(fields.get(0), "user id", file, lineNumber),
          Ids.parse(fields.get(1), "item id", file, lineNumber));
    });
    Interactions read = pairs.toInteractions();
    if (read.size() == 0) {
      throw DataFormatException.inFile(file, "holds no pairs (the file is empty)");
    }
    return read;
  }
}
