package org.ddrm.core.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.ddrm.api.Dataset;

/**
 * {@code dataset.json}: a prepared or generated data set's counts as the paper's Table 1 gives
 * them (users, items, interactions over the three splits, density) and its share of false
 * positives among the labelled pairs (train and, where known, valid), plus how it was made.
 */
public final class DatasetSummary {
  /** The file name beside the splits. */
  public static final String NAME = "dataset.json";

  private DatasetSummary() {}

  /**
   * Writes {@code dir/dataset.json} atomically.
   *
   * @param validNoise valid-pair labels, when known
   * @param made how the data set was made (source, format, options), written under "made"
   */
  public static void write(Path dir, Dataset dataset, Optional<boolean[]> validNoise,
      Map<String, Object> made) {
    long interactions =
        (long) dataset.train().size() + dataset.valid().size() + dataset.test().size();
    long labelled = 0;
    long falsePositives = 0;
    String labelledSplits = "none";
    if (dataset.trainNoiseLabels().isPresent()) {
      boolean[] train = dataset.trainNoiseLabels().get();
      labelled += train.length;
      falsePositives += count(train);
      labelledSplits = "train";
      if (validNoise.isPresent()) {
        labelled += validNoise.get().length;
        falsePositives += count(validNoise.get());
        labelledSplits = "train+valid";
      }
    }
    long labelledCount = labelled;
    long falseCount = falsePositives;
    String splits = labelledSplits;
    AtomicFiles.write(dir.resolve(NAME), writer -> {
      try (JsonGenerator json = new JsonFactory().createGenerator(writer)) {
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.useDefaultPrettyPrinter();
        json.writeStartObject();
        json.writeStringField("name", dataset.name());
        json.writeNumberField("users", dataset.numUsers());
        json.writeNumberField("items", dataset.numItems());
        json.writeNumberField("interactions", interactions);
        json.writeNumberField("density",
            interactions / ((double) dataset.numUsers() * dataset.numItems()));
        json.writeNumberField("train", dataset.train().size());
        json.writeNumberField("valid", dataset.valid().size());
        json.writeNumberField("test", dataset.test().size());
        json.writeNumberField("false_positives", falseCount);
        json.writeStringField("false_positives_in", splits);
        json.writeNumberField("false_positive_share",
            labelledCount == 0 ? 0.0 : falseCount / (double) labelledCount);
        json.writeObjectFieldStart("made");
        for (Map.Entry<String, Object> e : made.entrySet()) {
          writeValue(json, e.getKey(), e.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
      }
      writer.write('\n');
    });
  }

  private static void writeValue(JsonGenerator json, String key, Object value)
      throws java.io.IOException {
    if (value instanceof Integer || value instanceof Long) {
      json.writeNumberField(key, ((Number) value).longValue());
    } else if (value instanceof Number number) {
      json.writeNumberField(key, number.doubleValue());
    } else if (value instanceof Boolean flag) {
      json.writeBooleanField(key, flag);
    } else {
      json.writeStringField(key, String.valueOf(value));
    }
  }

  private static long count(boolean[] flags) {
    long c = 0;
    for (boolean b : flags) {
      c += b ? 1 : 0;
    }
    return c;
  }
}
