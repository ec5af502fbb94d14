package org.ddrm.core.data;

import java.nio.file.Path;
import org.ddrm.api.Interactions;

/**
 * Reads {@code user item} pairs from a text file, one pair per line, with 0-based non-negative
 * integer ids.
 *
 * <p>The delimiter is detected once per file from the first data line: tab if it has one, else
 * comma, else runs of blanks. A first line whose first two fields are both non-numeric (such as
 * {@code user\titem}) is a header and skipped. Fields after the second are ignored, blank lines
 * are skipped, and fields are trimmed. Anything else that is not two non-negative integers is a
 * {@link DataFormatException} naming the file and the 1-based line.
 */
public final class PairFileReader {
  private PairFileReader() {}

  /** Reads all pairs of a file, in file order. */
  public static Interactions read(Path file) {
    PairBuffer pairs = new PairBuffer(1 << 12);
    DelimitedRecords.forEach(file, Delimiter::detectPair, (fields, line, lineNumber) -> {
      if (fields.size() < 2) {
        throw DataFormatException.atLine(
            file, lineNumber, "expected two fields 'user item', found '" + line.strip() + "'");
      }
      pairs.add(
          Ids.parse(fields.get(0), "user id", file, lineNumber),
          Ids.parse(fields.get(1), "item id", file, lineNumber));
    });
    return pairs.toInteractions();
  }
}
