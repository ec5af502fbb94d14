package org.ddrm.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.ddrm.api.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparedDirectoryTest {
  @TempDir Path dir;

  /** Ten ratings of users "u1".."u5" in time order; low ratings at t = 1, 4 (train), 7 (valid), 9. */
  private static RatingTable ratings() {
    RatingTable table = new RatingTable();
    double[] stars = {5, 2, 4, 5, 1, 4, 5, 3, 5, 2};
    for (int t = 0; t < 10; t++) {
      table.add("u" + (t % 5 + 1), "item-" + (char) ('a' + t % 4), stars[t], 100 + t);
    }
    return table;
  }

  @Test
  void theNaturalSplitWritesIdMapsLabelsAndCounts() throws IOException {
    PreparedSplit split = new NaturalNoiseSplit(0.7, 0.1, 4).split("tiny", ratings());
    Path out = dir.resolve("tiny");
    PreparedDirectory.write(split, out, Map.of("format", "test"));

    Dataset loaded = SplitDirectory.load(out);
    assertThat(loaded.train().size()).isEqualTo(7);
    assertThat(loaded.valid().size()).isEqualTo(1);
    assertThat(loaded.test().size()).isEqualTo(1); // t = 9 (rating 2) dropped
    assertThat(loaded.trainNoiseLabels().orElseThrow())
        .containsExactly(false, true, false, false, true, false, false);
    assertThat(NoiseLabelFile.read(out.resolve(PreparedDirectory.VALID_LABELS)))
        .containsExactly(true);
    assertThat(Files.readAllLines(out.resolve(PreparedDirectory.USER_IDS)))
        .containsExactly("user_id\toriginal_user_id", "0\tu1", "1\tu2", "2\tu3", "3\tu4", "4\tu5");
    assertThat(Files.readAllLines(out.resolve(PreparedDirectory.ITEM_IDS)))
        .startsWith("item_id\toriginal_item_id", "0\titem-a", "1\titem-b");
    String json = Files.readString(out.resolve(DatasetSummary.NAME));
    assertThat(json).contains("\"users\" : 5", "\"items\" : 4", "\"interactions\" : 9",
        "\"false_positives\" : 3", "\"false_positives_in\" : \"train+valid\"",
        "\"false_positive_share\" : 0.375", "\"density\" : 0.45", "\"format\" : \"test\"");
  }

  @Test
  void theCleanSplitDropsEveryFalsePositiveAndCarriesNoLabels() throws IOException {
    PreparedSplit split = new NaturalNoiseSplit(0.7, 0.1, 4).splitClean("clean", ratings());
    assertThat(split.dataset().train().size()).isEqualTo(5);
    assertThat(split.dataset().valid().size()).isZero();
    assertThat(split.dataset().test().size()).isEqualTo(1);
    assertThat(split.dataset().trainNoiseLabels()).isEmpty();
    assertThat(split.validNoiseLabels()).isEmpty();
  }

  @Test
  void anEmptySplitIsRefusedBeforeAnythingIsWritten() {
    PreparedSplit split = new NaturalNoiseSplit(0.7, 0.1, 4).splitClean("clean", ratings());
    Path out = dir.resolve("clean");
    assertThatThrownBy(() -> PreparedDirectory.write(split, out, Map.of()))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("the valid split of clean would be empty (5 train, 0 valid, 1 test");
    assertThat(out).doesNotExist();
  }
}
