package org.ddrm.core.data;

import java.nio.file.Path;
import org.ddrm.api.Interactions;

/**
 * Writes pairs as {@code user<TAB>item} lines, the format {@link PairFileReader} reads. The file
 * appears atomically: it is written to a temporary file in the same directory and then renamed,
 * so readers never see half a file.
 */
public final class PairFileWriter {
  private PairFileWriter() {}

  /** Writes (or replaces) {@code file}, creating its directory if needed. */
  public static void write(Path file, Interactions pairs) {
    AtomicFiles.write(file, writer -> {
      StringBuilder line = new StringBuilder(24);
      for (int k = 0; k < pairs.size(); k++) {
        line.setLength(0);
        line.append(pairs.user(k)).append('\t').append(pairs.item(k)).append('\n');
        writer.append(line);
      }
    });
  }
}
