package org.ddrm.core.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens raw input files: UTF-8, gzip-compressed or plain (told by the magic bytes), BOM dropped. */
final class InputFiles {
  private static final int BUFFER = 1 << 16;

  private InputFiles() {}

  /** A reader over the decoded text of {@code file}. */
  static BufferedReader open(Path file) {
    try {
      InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
      in.mark(2);
      boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
      in.reset();
      if (gzip) {
        in = new GZIPInputStream(in, BUFFER);
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), BUFFER);
      reader.mark(1);
      if (reader.read() != '\ufeff') {
        reader.reset();
      }
      return reader;
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file + ": no such file");
    } catch (IOException e) {
      throw readFailure(file, e);
    }
  }

  /**
   * The error for a failed read of {@code file}: a truncated or corrupt compressed file is bad
   * input ({@link DataFormatException}); anything else an I/O failure.
   */
  static RuntimeException readFailure(Path file, IOException e) {
    if (e instanceof EOFException || e instanceof ZipException) {
      return DataFormatException.inFile(file, "the compressed data is truncated or corrupt ("
          + e.getMessage() + ")");
    }
    return new UncheckedIOException("cannot read " + file + ": " + e, e);
  }

  /** The first non-blank line of {@code file}, or {@code null} when it has none. */
  static String firstLine(Path file) {
    try (BufferedReader reader = open(file)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          return line;
        }
      }
      return null;
    } catch (IOException e) {
      throw readFailure(file, e);
    }
  }
}
