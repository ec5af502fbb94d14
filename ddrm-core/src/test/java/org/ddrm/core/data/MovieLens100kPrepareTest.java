package org.ddrm.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.ddrm.api.Dataset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Prepares the shared ML-100K RecBole file when it is present (it is never in the repo). */
class MovieLens100kPrepareTest {
  private static final String RELATIVE = "datasets/ml-100k/ml-100k.inter";

  @Test
  void theRealRatingsGiveThePapersSplitWithTheirFalsePositivesLabelled() {
    Path file = Stream.of("../../shared", "../shared")
        .map(base -> Path.of(base).resolve(RELATIVE))
        .filter(Files::isRegularFile)
        .findFirst()
        .orElse(null);
    Assumptions.assumeTrue(file != null, "ML-100K not found at ../../shared/" + RELATIVE
        + " or ../shared/" + RELATIVE + ": skipped");

    RatingTable ratings = RatingFormat.RECBOLE.read(file, CsvLayout.defaults());
    assertThat(ratings.size()).isEqualTo(100_000);
    assertThat(ratings.userCount()).isEqualTo(943);
    assertThat(ratings.itemCount()).isEqualTo(1_682);

    PreparedSplit split = new NaturalNoiseSplit().split("ml-100k", ratings);
    Dataset data = split.dataset();
    assertThat(data.train().size()).isEqualTo(70_000);
    assertThat(data.valid().size()).isEqualTo(10_000);
    int low = 0;
    for (int k = 0; k < ratings.size(); k++) {
      low += ratings.rating(k) < 4 ? 1 : 0;
    }
    int labelled = 0;
    for (boolean b : data.trainNoiseLabels().orElseThrow()) {
      labelled += b ? 1 : 0;
    }
    for (boolean b : split.validNoiseLabels().orElseThrow()) {
      labelled += b ? 1 : 0;
    }
    // every rating below 4 is either a labelled train/valid pair or dropped from test
    assertThat(labelled + (20_000 - data.test().size())).isEqualTo(low);
  }
}
