package org.ddrm.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairFilesTest {
  @TempDir Path dir;

  @Test
  void readsNpyFilesAsNumPyArrays() throws IOException {
    Path file = NpyFixture.pairs(dir.resolve("train_list.NPY"), "<i8", new long[][] {{4, 5}});
    assertThat(PairFiles.read(file).users()).containsExactly(4);
  }

  @Test
  void readsOtherExtensionsAsTextPairs() throws IOException {
    Path file = Files.writeString(dir.resolve("train.pairs"), "4 5\n");
    assertThat(PairFiles.read(file).items()).containsExactly(5);
  }

  @Test
  void refusesRawMovieLensRatingsAndPointsToDataPrepare() throws IOException {
    Path file = Files.writeString(dir.resolve("ratings.dat"), "1::1193::5::978300760\n");
    assertThatThrownBy(() -> PairFiles.read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("ratings.dat")
        .hasMessageContaining("ddrm data prepare");
  }
}
