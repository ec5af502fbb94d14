package org.ddrm.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ddrm.api.Interactions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PairFileReaderTest {
  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static void assertPairs(Interactions pairs, int[]... expected) {
    assertThat(pairs.size()).isEqualTo(expected.length);
    for (int k = 0; k < expected.length; k++) {
      assertThat(new int[] {pairs.user(k), pairs.item(k)}).as("pair %d", k)
          .containsExactly(expected[k]);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "0\t5\n1\t7\n2\t9\n",
      "0,5\n1,7\n2,9\n",
      "0 5\n1   7\n 2 9 \n",
      "0\t5\r\n1\t7\r\n2\t9\r\n",
      "0, 5\n1 ,7\n2,9\n"})
  void readsPairsWithTabCommaOrWhitespaceDelimiters(String content) throws IOException {
    assertPairs(PairFileReader.read(file("pairs.txt", content)),
        new int[] {0, 5}, new int[] {1, 7}, new int[] {2, 9});
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "user\titem\n3\t4\n",
      "u i\n3 4\n",
      "\uFEFFuser\titem\n3\t4\n"})
  void skipsAHeaderLine(String content) throws IOException {
    assertPairs(PairFileReader.read(file("pairs.csv", content)), new int[] {3, 4});
  }

  @Test
  void detectsTheDelimiterAgainAfterAHeaderInAnotherStyle() throws IOException {
    assertPairs(PairFileReader.read(file("pairs.tsv", "user item\n3\t4\n5\t6\n")),
        new int[] {3, 4}, new int[] {5, 6});
  }

  @Test
  void skipsBlankLines() throws IOException {
    assertPairs(PairFileReader.read(file("pairs.tsv", "\n0\t1\n\n  \n2\t3\n")),
        new int[] {0, 1}, new int[] {2, 3});
  }

  @Test
  void rejectsALineWithAThirdColumnNamingItsLine() throws IOException {
    Path bad = file("train.tsv", "0\t1\n2\t3\t4.5\n");
    assertThatThrownBy(() -> PairFileReader.read(bad))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("train.tsv, line 2: expected exactly two fields 'user item', found 3")
        .hasMessageContaining("ddrm data prepare");
  }

  @Test
  void rejectsAFileWithoutPairsNamingIt() throws IOException {
    assertThatThrownBy(() -> PairFileReader.read(file("empty.tsv", "")))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("empty.tsv: holds no pairs");
    assertThatThrownBy(() -> PairFileReader.read(file("header-only.tsv", "user\titem\n")))
        .hasMessageContaining("header-only.tsv: holds no pairs");
  }

  @Test
  void reportsANonIntegerWithFileAndLine() throws IOException {
    Path bad = file("train.tsv", "0\t1\n1\t2\n2\tabc\n");
    assertThatThrownBy(() -> PairFileReader.read(bad))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("train.tsv")
        .hasMessageContaining("line 3")
        .hasMessageContaining("item id 'abc' is not an integer");
  }

  @Test
  void countsBlankAndHeaderLinesInTheLineNumber() throws IOException {
    Path bad = file("train.csv", "user,item\n\n0,1.5\n");
    assertThatThrownBy(() -> PairFileReader.read(bad))
        .hasMessageContaining("train.csv, line 3")
        .hasMessageContaining("'1.5'");
  }

  @Test
  void rejectsNegativeIds() throws IOException {
    Path bad = file("valid.tsv", "0\t1\n-4\t2\n");
    assertThatThrownBy(() -> PairFileReader.read(bad))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("valid.tsv, line 2")
        .hasMessageContaining("user id -4 is negative");
  }

  @Test
  void rejectsIdsBeyondTheIntRange() throws IOException {
    Path bad = file("test.tsv", "0\t3000000000\n");
    assertThatThrownBy(() -> PairFileReader.read(bad))
        .hasMessageContaining("test.tsv, line 1")
        .hasMessageContaining("larger than");
  }

  @Test
  void rejectsALineWithOneField() throws IOException {
    Path bad = file("test.tsv", "0\t1\n7\n");
    assertThatThrownBy(() -> PairFileReader.read(bad))
        .hasMessageContaining("test.tsv, line 2")
        .hasMessageContaining("expected exactly two fields");
  }

  @Test
  void aNumericFirstLineIsDataNotAHeader() throws IOException {
    Path bad = file("train.tsv", "0\tx\n1\t2\n");
    assertThatThrownBy(() -> PairFileReader.read(bad)).hasMessageContaining("line 1");
  }

  @Test
  void reportsAMissingFileAsAnIoProblemNamingIt() {
    Path missing = dir.resolve("nope.tsv");
    assertThatThrownBy(() -> PairFileReader.read(missing))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("nope.tsv");
  }
}
