package org.ddrm.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The line loop shared by the text readers: strips a byte-order mark, skips blank lines and an
 * optional header (a first line whose leading fields are not numbers), detects the delimiter on
 * the first data line and hands each record's fields to a handler with its line number.
 */
final class DelimitedRecords {
  /** Receives one data line. */
  @FunctionalInterface
  interface Handler {
    void accept(List<String> fields, String line, long lineNumber);
  }

  private DelimitedRecords() {}

  /** Reads {@code file} (ISO-8859-1), detecting the delimiter with {@code detect}. */
  static void forEach(Path file, Function<String, Delimiter> detect, Handler handler) {
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
          delimiter = detect.apply(line);
        }
        List<String> fields = delimiter.split(line);
        if (firstLine) {
          firstLine = false;
          if (Delimiter.isHeader(fields)) {
            delimiter = null; // detect again on the first data line
            continue;
          }
        }
        handler.accept(fields, line, lineNumber);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e, e);
    }
  }
}
