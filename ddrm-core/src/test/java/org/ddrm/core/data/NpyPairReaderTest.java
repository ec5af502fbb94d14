package org.ddrm.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ddrm.api.Interactions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpyPairReaderTest {
  private static final long[][] ROWS = {{0, 10}, {1, 11}, {2, 12}, {70000, 2147483647L}};

  @TempDir Path dir;

  private static void assertRows(Interactions pairs) {
    assertThat(pairs.users()).containsExactly(0, 1, 2, 70000);
    assertThat(pairs.items()).containsExactly(10, 11, 12, Integer.MAX_VALUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"<i8", "<i4", ">i8", ">i4"})
  void readsInt32AndInt64InBothByteOrders(String descr) throws IOException {
    Path file = NpyFixture.pairs(dir.resolve("train_list.npy"), descr, ROWS);
    assertRows(NpyPairReader.read(file));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void readsFormatVersionsOneTwoAndThree(int major) throws IOException {
    long[] flat = {0, 10, 1, 11, 2, 12, 70000, Integer.MAX_VALUE};
    Path file = NpyFixture.write(dir.resolve("v.npy"), major, "<i8", false, "(4, 2)", flat);
    assertRows(NpyPairReader.read(file));
  }

  @Test
  void readsFortranOrderColumnByColumn() throws IOException {
    long[] flat = {0, 1, 2, 70000, 10, 11, 12, Integer.MAX_VALUE};
    Path file = NpyFixture.write(dir.resolve("f.npy"), 1, "<i4", true, "(4, 2)", flat);
    assertRows(NpyPairReader.read(file));
  }

  @Test
  void readsArraysLargerThanOneBuffer() throws IOException {
    long[][] rows = new long[50_000][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = new long[] {r, 3L * r};
    }
    Interactions pairs = NpyPairReader.read(NpyFixture.pairs(dir.resolve("big.npy"), "<i8", rows));
    assertThat(pairs.size()).isEqualTo(50_000);
    assertThat(pairs.user(49_999)).isEqualTo(49_999);
    assertThat(pairs.item(49_999)).isEqualTo(3 * 49_999);
  }

  @Test
  void readsAnEmptyArray() throws IOException {
    Path file = NpyFixture.write(dir.resolve("e.npy"), 1, "<i8", false, "(0, 2)", new long[0]);
    assertThat(NpyPairReader.read(file).size()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"<f8", "<u8", "|b1", "<i2"})
  void rejectsOtherDtypesNamingThem(String descr) throws IOException {
    Path file = NpyFixture.write(dir.resolve("d.npy"), 1, descr, false, "(1, 2)", new long[2]);
    assertThatThrownBy(() -> NpyPairReader.read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("d.npy")
        .hasMessageContaining("dtype '" + descr + "'")
        .hasMessageContaining("int32 or int64");
  }

  @ParameterizedTest
  @ValueSource(strings = {"(4,)", "(2, 3)", "(2, 2, 1)"})
  void rejectsShapesOtherThanNByTwo(String shape) throws IOException {
    Path file = NpyFixture.write(dir.resolve("s.npy"), 1, "<i8", false, shape, new long[8]);
    assertThatThrownBy(() -> NpyPairReader.read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("s.npy")
        .hasMessageContaining("expected (n, 2)");
  }

  @Test
  void rejectsAFileWithoutTheMagicBytes() throws IOException {
    Path file = Files.writeString(dir.resolve("train.npy"), "0\t1\n1\t2\n");
    assertThatThrownBy(() -> NpyPairReader.read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("train.npy")
        .hasMessageContaining("not a NumPy .npy file");
  }

  @Test
  void rejectsAnUnknownFormatVersion() throws IOException {
    byte[] bytes = NpyFixture.bytes(1, "<i8", false, "(1, 2)", new long[2]);
    bytes[6] = 4;
    Path file = Files.write(dir.resolve("v4.npy"), bytes);
    assertThatThrownBy(() -> NpyPairReader.read(file))
        .hasMessageContaining("v4.npy")
        .hasMessageContaining("version 4.0");
  }

  @Test
  void rejectsTruncatedDataNamingTheOffset() throws IOException {
    byte[] bytes = NpyFixture.bytes(1, "<i8", false, "(4, 2)", new long[8]);
    Path file = Files.write(dir.resolve("cut.npy"), Arrays.copyOf(bytes, bytes.length - 5));
    assertThatThrownBy(() -> NpyPairReader.read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("cut.npy")
        .hasMessageContaining("truncated .npy data")
        .hasMessageContaining("needs 64 bytes from offset 128");
  }

  @Test
  void rejectsATruncatedHeader() throws IOException {
    byte[] bytes = NpyFixture.bytes(1, "<i8", false, "(4, 2)", new long[8]);
    Path file = Files.write(dir.resolve("head.npy"), Arrays.copyOf(bytes, 30));
    assertThatThrownBy(() -> NpyPairReader.read(file))
        .hasMessageContaining("head.npy")
        .hasMessageContaining("truncated .npy header");
  }

  @Test
  void rejectsNegativeIdsNamingRowAndOffset() throws IOException {
    Path file = NpyFixture.pairs(dir.resolve("neg.npy"), "<i8", new long[][] {{0, 1}, {-3, 2}});
    assertThatThrownBy(() -> NpyPairReader.read(file))
        .hasMessageContaining("neg.npy")
        .hasMessageContaining("user id -3 at row 1 (byte offset 144) is negative");
  }

  @Test
  void rejectsInt64IdsBeyondTheIntRange() throws IOException {
    Path file = NpyFixture.pairs(dir.resolve("huge.npy"), "<i8", new long[][] {{0, 1L << 40}});
    assertThatThrownBy(() -> NpyPairReader.read(file))
        .hasMessageContaining("item id " + (1L << 40) + " at row 0");
  }
}
