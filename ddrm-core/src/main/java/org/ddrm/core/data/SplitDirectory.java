package org.ddrm.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ddrm.api.Dataset;
import org.ddrm.api.Interactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory holding a split data set: one file each for {@code train}, {@code valid} and
 * {@code test}, and optionally the train noise labels ({@value NoiseLabelFile#NAME}).
 *
 * <p>For each split the first existing file among {@code <split>.tsv}, {@code <split>.csv},
 * {@code <split>.txt}, {@code <split>_list.tsv}, {@code <split>_list.csv},
 * {@code <split>_list.txt}, {@code <split>.npy}, {@code <split>_list.npy} is read: text files
 * are preferred over NumPy files when both exist (they are the ones a person can inspect and
 * edit); {@link Preference#NPY_FIRST} reverses that. The splits may be in different formats.
 */
public final class SplitDirectory {
  /** The split names, in the order of {@link Dataset#train()}, valid, test. */
  public static final List<String> SPLITS = List.of("train", "valid", "test");

  private static final Logger log = LoggerFactory.getLogger(SplitDirectory.class);
  private static final List<String> TEXT_SUFFIXES =
      List.of(".tsv", ".csv", ".txt", "_list.tsv", "_list.csv", "_list.txt");
  private static final List<String> NPY_SUFFIXES = List.of(".npy", "_list.npy");

  /** Which format to read when a split exists in both. */
  public enum Preference {
    TEXT_FIRST,
    NPY_FIRST
  }

  private SplitDirectory() {}

  /**
   * Loads the three splits, preferring text files; the data set is named after the directory and
   * its user and item counts are the largest ids in any split plus one.
   */
  public static Dataset load(Path dir) {
    return load(dir, Preference.TEXT_FIRST);
  }

  /** As {@link #load(Path)}, with a choice of format where a split exists in both. */
  public static Dataset load(Path dir, Preference preference) {
    if (!Files.isDirectory(dir)) {
      throw new DataFormatException("data set directory " + dir + " does not exist");
    }
    List<Interactions> splits = new ArrayList<>(3);
    List<Path> files = new ArrayList<>(3);
    for (String split : SPLITS) {
      Path file = locate(dir, split, preference)
          .orElseThrow(() -> new DataFormatException(
              "data set directory " + dir + " has no " + split + " split: expected one of "
                  + String.join(", ", candidates(split, preference))));
      files.add(file);
      Interactions pairs = PairFiles.read(file);
      if (pairs.size() == 0) {
        throw DataFormatException.inFile(file, "the " + split + " split holds no pairs");
      }
      splits.add(pairs);
    }
    Dataset dataset = Dataset.of(name(dir), splits.get(0), splits.get(1), splits.get(2));
    Path labelFile = dir.resolve(NoiseLabelFile.NAME);
    if (Files.isRegularFile(labelFile)) {
      boolean[] labels = NoiseLabelFile.read(labelFile);
      if (labels.length != dataset.train().size()) {
        throw DataFormatException.inFile(
            labelFile, labels.length + " noise labels for " + dataset.train().size()
                + " train pairs in " + files.get(0).getFileName());
      }
      dataset = dataset.withTrainNoiseLabels(labels);
    }
    log.info("loaded {} from {}", dataset, files);
    return dataset;
  }

  /** The file a split would be read from, if any. */
  public static Optional<Path> locate(Path dir, String split, Preference preference) {
    for (String name : candidates(split, preference)) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  /**
   * Writes the splits as {@code train.tsv}, {@code valid.tsv}, {@code test.tsv} (each atomically
   * with {@link PairFileWriter}) and the train noise labels, when the data set has them, as
   * {@value NoiseLabelFile#NAME}; a stale label file is removed otherwise.
   */
  public static void write(Dataset dataset, Path dir) {
    PairFileWriter.write(dir.resolve("train.tsv"), dataset.train());
    PairFileWriter.write(dir.resolve("valid.tsv"), dataset.valid());
    PairFileWriter.write(dir.resolve("test.tsv"), dataset.test());
    Path labelFile = dir.resolve(NoiseLabelFile.NAME);
    Optional<boolean[]> labels = dataset.trainNoiseLabels();
    if (labels.isPresent()) {
      NoiseLabelFile.write(labelFile, labels.get());
    } else {
      try {
        Files.deleteIfExists(labelFile);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove stale " + labelFile + ": " + e, e);
      }
    }
  }

  private static List<String> candidates(String split, Preference preference) {
    List<String> names = new ArrayList<>();
    List<List<String>> order = preference == Preference.TEXT_FIRST
        ? List.of(TEXT_SUFFIXES, NPY_SUFFIXES)
        : List.of(NPY_SUFFIXES, TEXT_SUFFIXES);
    for (List<String> suffixes : order) {
      for (String suffix : suffixes) {
        names.add(split + suffix);
      }
    }
    return names;
  }

  private static String name(Path dir) {
    Path fileName = dir.toAbsolutePath().normalize().getFileName();
    return fileName == null ? "dataset" : fileName.toString();
  }
}
