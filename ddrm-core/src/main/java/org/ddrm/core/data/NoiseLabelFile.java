package org.ddrm.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The labels of planted false positives in train: one {@code 0} (true positive) or {@code 1}
 * (false positive) per line, line k for the k-th pair of the train file.
 */
public final class NoiseLabelFile {
  /** The file name {@link SplitDirectory} writes and looks for. */
  public static final String NAME = "train_noise_labels.txt";

  private NoiseLabelFile() {}

  /** Writes (or atomically replaces) a label file. */
  public static void write(Path file, boolean[] labels) {
    AtomicFiles.write(file, writer -> {
      for (boolean noisy : labels) {
        writer.write(noisy ? "1\n" : "0\n");
      }
    });
  }

  /** Reads a label file; blank lines are skipped, anything but 0 or 1 is an error. */
  public static boolean[] read(Path file) {
    boolean[] labels = new boolean[1 << 12];
    int size = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      long lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        String value = line.strip();
        if (value.isEmpty()) {
          continue;
        }
        if (!value.equals("0") && !value.equals("1")) {
          throw DataFormatException.atLine(
              file, lineNumber, "noise label '" + value + "' is neither 0 nor 1");
        }
        if (size == labels.length) {
          labels = Arrays.copyOf(labels, size * 2);
        }
        labels[size++] = value.equals("1");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e, e);
    }
    return Arrays.copyOf(labels, size);
  }
}
