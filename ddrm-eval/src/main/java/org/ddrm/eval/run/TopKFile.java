package org.ddrm.eval.run;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.ddrm.core.data.AtomicFiles;
import org.ddrm.core.evaluation.Recommendations;

/**
 * Writes top-K lists as {@value #FILE_NAME}: gzip-compressed tab-separated text with the header
 * {@code user, rank, item, score}, one row per recommended item, rank from 1, ids as the data set
 * named them (originals when it has id maps). Scores use Java's shortest round-trip float text.
 */
public final class TopKFile {
  /** The file's name in a run directory. */
  public static final String FILE_NAME = "topk.tsv.gz";

  private TopKFile() {}

  /** Writes {@code lists} to {@code file} atomically. */
  public static void write(Path file, Recommendations lists, OriginalIds users, OriginalIds items) {
    AtomicFiles.writeBytes(file, bytes -> {
      Writer out = new OutputStreamWriter(new GZIPOutputStream(bytes), StandardCharsets.UTF_8);
      out.write("user\trank\titem\tscore\n");
      StringBuilder line = new StringBuilder(64);
      for (int row = 0; row < lists.users().length; row++) {
        String user = users.of(lists.users()[row]);
        int[] ranked = lists.items()[row];
        for (int r = 0; r < ranked.length; r++) {
          line.setLength(0);
          line.append(user).append('\t').append(r + 1).append('\t').append(items.of(ranked[r]))
              .append('\t').append(lists.scores()[row][r]).append('\n');
          out.append(line);
        }
      }
      out.close();
    });
  }
}
