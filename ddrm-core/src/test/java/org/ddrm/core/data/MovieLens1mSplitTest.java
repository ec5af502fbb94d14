package org.ddrm.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.ddrm.api.Dataset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Loads the shared ML-1M natural-noise split when it is present (it is never in the repo). */
class MovieLens1mSplitTest {
  private static final String RELATIVE = "datasets/ml-1m-noisy";

  private static Path findSplit() {
    return Stream.of("../../shared", "../shared")
        .map(base -> Path.of(base).resolve(RELATIVE))
        .filter(Files::isDirectory)
        .findFirst()
        .orElse(null);
  }

  @Test
  void loadsTheSharedNoisySplitIdenticallyFromTsvAndNpy() {
    Path dir = findSplit();
    Assumptions.assumeTrue(dir != null,
        "ML-1M not found at ../../shared/" + RELATIVE + " or ../shared/" + RELATIVE
            + " (from " + Path.of("").toAbsolutePath() + "): skipped");

    Dataset tsv = SplitDirectory.load(dir, SplitDirectory.Preference.TEXT_FIRST);
    Dataset npy = SplitDirectory.load(dir, SplitDirectory.Preference.NPY_FIRST);

    for (Dataset data : new Dataset[] {tsv, npy}) {
      assertThat(data.name()).isEqualTo("ml-1m-noisy");
      assertThat(data.numUsers()).isEqualTo(5949);
      assertThat(data.numItems()).isEqualTo(3494);
      assertThat(data.train().size()).isEqualTo(429_993);
      assertThat(data.valid().size()).isEqualTo(130_772);
      assertThat(data.test().size()).isEqualTo(57_532);
    }
    assertThat(SplitDirectory.locate(dir, "train", SplitDirectory.Preference.NPY_FIRST))
        .hasValueSatisfying(p -> assertThat(p.getFileName().toString()).endsWith(".npy"));
    assertThat(npy.fingerprint()).isEqualTo(tsv.fingerprint());
  }
}
