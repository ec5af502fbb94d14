package org.ddrm.eval.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ddrm.api.Settings;
import org.ddrm.core.config.FrameworkSettings;
import org.ddrm.core.data.DataFormatException;
import org.ddrm.core.data.PreparedDirectory;

/**
 * The original user or item ids of a data set prepared by {@code ddrm data prepare}
 * ({@code user_ids.tsv} / {@code item_ids.tsv}: a header, then {@code index <TAB> original}, one
 * row per index in order), or the indices themselves when the data set has no such file.
 */
public final class OriginalIds {
  private final List<String> originals;
  private final Map<String, Integer> indices = new HashMap<>();

  private OriginalIds(List<String> originals) {
    this.originals = originals;
    for (int k = 0; k < originals.size(); k++) {
      indices.put(originals.get(k), k);
    }
  }

  /** The user ids of the run's data set ({@code data.path}). */
  public static OriginalIds users(Settings settings, int count) {
    return of(settings, PreparedDirectory.USER_IDS, count);
  }

  /** The item ids of the run's data set ({@code data.path}). */
  public static OriginalIds items(Settings settings, int count) {
    return of(settings, PreparedDirectory.ITEM_IDS, count);
  }

  private static OriginalIds of(Settings settings, String fileName, int count) {
    Path directory = Path.of(FrameworkSettings.DATA_PATH.read("", settings));
    Path file = directory.resolve(fileName);
    if (!Files.isDirectory(directory) || !Files.isRegularFile(file)) {
      return new OriginalIds(List.of());
    }
    return new OriginalIds(read(file, count));
  }

  /** Whether the ids are the data set's originals (else indices). */
  public boolean mapped() {
    return !originals.isEmpty();
  }

  /** The original id of an index, or the index itself when there is no map. */
  public String of(int index) {
    return originals.isEmpty() ? Integer.toString(index) : originals.get(index);
  }

  /** The index of an original id (or of a number when there is no map); empty when unknown. */
  public Optional<Integer> indexOf(String id) {
    if (originals.isEmpty()) {
      try {
        return Optional.of(Integer.parseInt(id.trim()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.ofNullable(indices.get(id));
  }

  static List<String> read(Path file, int count) {
    List<String> ids = new ArrayList<>(count);
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      reader.readLine(); // header
      long lineNumber = 1;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        int tab = line.indexOf('\t');
        if (tab < 0 || !line.substring(0, tab).equals(Integer.toString(ids.size()))) {
          throw new DataFormatException(file + ":" + lineNumber + ": expected '" + ids.size()
              + "<TAB>original id', found '" + line + "'");
        }
        ids.add(line.substring(tab + 1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e, e);
    }
    if (ids.size() != count) {
      throw new DataFormatException(file + ": " + ids.size() + " ids for a data set of " + count);
    }
    return List.copyOf(ids);
  }
}
