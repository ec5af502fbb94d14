package org.ddrm.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      return read(file, reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e, e);
    }
  }

  private static Interactions read(Path file, BufferedReader reader) throws IOException {
    PairBuffer pairs = new PairBuffer(1 << 12);
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
        delimiter = Delimiter.detectPair(line);
      }
      List<String> fields = delimiter.split(line);
      if (firstLine) {
        firstLine = false;
        if (Delimiter.isHeader(fields)) {
          delimiter = null; // detect again on the first data line
          continue;
        }
      }
      if (fields.size() < 2) {
        throw DataFormatException.atLine(
            file, lineNumber, "expected two fields 'user item', found '" + line.strip() + "'");
      }
      pairs.add(
          Ids.parse(fields.get(0), "user id", file, lineNumber),
          Ids.parse(fields.get(1), "item id", file, lineNumber));
    }
    return pairs.toInteractions();
  }
}
