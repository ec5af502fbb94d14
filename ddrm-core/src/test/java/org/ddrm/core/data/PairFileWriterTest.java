package org.ddrm.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.ddrm.api.Interactions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairFileWriterTest {
  @TempDir Path dir;

  @Test
  void writesTabSeparatedLinesThatReadBackIdentically() throws IOException {
    Interactions pairs = Interactions.of(new int[] {0, 3, 3}, new int[] {7, 1, 2});
    Path file = dir.resolve("sub/train.tsv");
    PairFileWriter.write(file, pairs);
    assertThat(Files.readString(file)).isEqualTo("0\t7\n3\t1\n3\t2\n");
    Interactions back = PairFileReader.read(file);
    assertThat(back.users()).containsExactly(pairs.users());
    assertThat(back.items()).containsExactly(pairs.items());
  }

  @Test
  void replacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
    Path file = Files.writeString(dir.resolve("train.tsv"), "old content\n");
    PairFileWriter.write(file, Interactions.of(new int[] {1}, new int[] {2}));
    assertThat(Files.readString(file)).isEqualTo("1\t2\n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void writesAnEmptyFileForNoPairs() throws IOException {
    Path file = dir.resolve("test.tsv");
    PairFileWriter.write(file, Interactions.empty());
    assertThat(Files.size(file)).isZero();
  }
}
