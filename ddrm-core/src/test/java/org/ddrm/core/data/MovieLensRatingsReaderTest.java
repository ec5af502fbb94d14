package org.ddrm.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensRatingsReaderTest {
  @TempDir Path dir;

  @Test
  void readsDoubleColonRatingsWithOriginalIds() throws IOException {
    Path file = Files.writeString(dir.resolve("ratings.dat"),
        "1::1193::5::978300760\n1::661::3::978302109\n\n6040::1097::4::956715518\n");
    assertThat(MovieLensRatingsReader.read(file)).containsExactly(
        new Rating(1, 1193, 5, 978300760L),
        new Rating(1, 661, 3, 978302109L),
        new Rating(6040, 1097, 4, 956715518L));
  }

  @Test
  void readsCommaSeparatedRatingsWithAHeader() throws IOException {
    Path file = Files.writeString(dir.resolve("ratings.csv"),
        "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n");
    assertThat(MovieLensRatingsReader.read(file))
        .containsExactly(new Rating(1, 31, 2.5, 1260759144L));
  }

  @Test
  void readsTabSeparatedRatings() throws IOException {
    Path file = Files.writeString(dir.resolve("u.data"), "196\t242\t3\t881250949\n");
    assertThat(MovieLensRatingsReader.read(file))
        .containsExactly(new Rating(196, 242, 3, 881250949L));
  }

  @Test
  void reportsABadRatingWithFileAndLine() throws IOException {
    Path file = Files.writeString(dir.resolve("ratings.dat"),
        "1::1193::5::978300760\n1::661::3::978302109\n1::914::five::978301968\n");
    assertThatThrownBy(() -> MovieLensRatingsReader.read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("ratings.dat")
        .hasMessageContaining("line 3")
        .hasMessageContaining("rating 'five' is not a number");
  }

  @Test
  void reportsAMissingTimestamp() throws IOException {
    Path file = Files.writeString(dir.resolve("ratings.dat"), "1::1193::5::978300760\n1::661::3\n");
    assertThatThrownBy(() -> MovieLensRatingsReader.read(file))
        .hasMessageContaining("ratings.dat, line 2")
        .hasMessageContaining("user::item::rating::timestamp");
  }

  @Test
  void reportsANonIntegerTimestamp() throws IOException {
    Path file = Files.writeString(dir.resolve("ratings.dat"), "1::1193::5::yesterday\n");
    assertThatThrownBy(() -> MovieLensRatingsReader.read(file))
        .hasMessageContaining("ratings.dat, line 1")
        .hasMessageContaining("timestamp 'yesterday' is not an integer");
  }
}
