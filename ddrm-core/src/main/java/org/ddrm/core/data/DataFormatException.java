package org.ddrm.core.data;

import java.nio.file.Path;

/**
 * Malformed input data: the message names the file and, for text files, the 1-based line (for
 * NumPy files, the header field or byte offset) where the problem was found.
 */
public class DataFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataFormatException(String message) {
    super(message);
  }

  public DataFormatException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A problem on one line of a text file: {@code "<file>, line <n>: <problem>"}. */
  public static DataFormatException atLine(Path file, long line, String problem) {
    return new DataFormatException(file + ", line " + line + ": " + problem);
  }

  /** A problem with a file as a whole: {@code "<file>: <problem>"}. */
  public static DataFormatException inFile(Path file, String problem) {
    return new DataFormatException(file + ": " + problem);
  }
}
