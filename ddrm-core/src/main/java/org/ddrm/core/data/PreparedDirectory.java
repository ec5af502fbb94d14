package org.ddrm.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ddrm.api.Dataset;
import org.ddrm.api.Interactions;

/**
 * Writes a split prepared from raw ratings: the {@link SplitDirectory} files (train, valid, test
 * and the train noise labels the noise audit reads), {@value #VALID_LABELS} (the valid pairs'
 * labels), {@value #USER_IDS} and {@value #ITEM_IDS} ({@code internal<TAB>original} per line,
 * under a header) and {@link DatasetSummary dataset.json}.
 */
public final class PreparedDirectory {
  public static final String USER_IDS = "user_ids.tsv";
  public static final String ITEM_IDS = "item_ids.tsv";
  public static final String VALID_LABELS = "valid_noise_labels.txt";

  private PreparedDirectory() {}

  /**
   * Writes every file of {@code split} into {@code dir}, each atomically.
   *
   * @throws DataFormatException when a split would be empty (a run could not load it), before
   *     anything is written
   */
  public static void write(PreparedSplit split, Path dir, Map<String, Object> made) {
    Dataset dataset = split.dataset();
    List<Interactions> parts = List.of(dataset.train(), dataset.valid(), dataset.test());
    for (int k = 0; k < parts.size(); k++) {
      if (parts.get(k).size() == 0) {
        throw new DataFormatException("the " + SplitDirectory.SPLITS.get(k) + " split of "
            + dataset.name() + " would be empty (" + dataset.train().size() + " train, "
            + dataset.valid().size() + " valid, " + dataset.test().size() + " test pairs):"
            + " too few ratings left for it; lower the k-core minimums or give more data");
      }
    }
    SplitDirectory.write(dataset, dir);
    Path validLabels = dir.resolve(VALID_LABELS);
    if (split.validNoiseLabels().isPresent()) {
      NoiseLabelFile.write(validLabels, split.validNoiseLabels().get());
    } else {
      try {
        Files.deleteIfExists(validLabels); // stale, from an earlier natural-noise split
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove stale " + validLabels + ": " + e, e);
      }
    }
    writeIds(dir.resolve(USER_IDS), "user", split.userIds());
    writeIds(dir.resolve(ITEM_IDS), "item", split.itemIds());
    DatasetSummary.write(dir, split.dataset(), split.validNoiseLabels(), made);
  }

  private static void writeIds(Path file, String what, List<String> originals) {
    AtomicFiles.write(file, writer -> {
      writer.write(what + "_id\toriginal_" + what + "_id\n");
      StringBuilder line = new StringBuilder(48);
      for (int k = 0; k < originals.size(); k++) {
        line.setLength(0);
        line.append(k).append('\t').append(originals.get(k)).append('\n');
        writer.append(line);
      }
    });
  }
}
