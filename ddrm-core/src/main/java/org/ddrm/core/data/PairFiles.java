package org.ddrm.core.data;

import java.nio.file.Path;
import java.util.Locale;
import org.ddrm.api.Interactions;

/** Reads a pair file in whichever format its extension says. */
public final class PairFiles {
  private PairFiles() {}

  /**
   * Reads {@code .npy} files with {@link NpyPairReader} and anything else except {@code .dat}
   * with {@link PairFileReader}. A {@code .dat} file is a raw MovieLens ratings file, which must
   * be split first: reading one is a {@link DataFormatException} that says so.
   */
  public static Interactions read(Path file) {
    String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    if (name.endsWith(".npy")) {
      return NpyPairReader.read(file);
    }
    if (name.endsWith(".dat")) {
      throw DataFormatException.inFile(
          file, "a .dat file holds raw MovieLens ratings, not a split; run "
              + "`ddrm data prepare` to split it into train/valid/test pair files first");
    }
    return PairFileReader.read(file);
  }
}
