package org.ddrm.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ddrm.api.Dataset;
import org.ddrm.api.Interactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitDirectoryTest {
  @TempDir Path root;
  private Path dir;

  @BeforeEach
  void makeDirectory() throws IOException {
    dir = Files.createDirectory(root.resolve("tiny-set"));
  }

  @Test
  void loadsSplitsInMixedFormatsNamedAfterTheDirectory() throws IOException {
    Files.writeString(dir.resolve("train.tsv"), "0\t0\n0\t1\n1\t2\n");
    NpyFixture.pairs(dir.resolve("valid_list.npy"), "<i8", new long[][] {{1, 0}});
    Files.writeString(dir.resolve("test.csv"), "user,item\n2,5\n");

    Dataset data = SplitDirectory.load(dir);

    assertThat(data.name()).isEqualTo("tiny-set");
    assertThat(data.numUsers()).isEqualTo(3);
    assertThat(data.numItems()).isEqualTo(6);
    assertThat(data.train().size()).isEqualTo(3);
    assertThat(data.valid().users()).containsExactly(1);
    assertThat(data.test().items()).containsExactly(5);
    assertThat(data.trainNoiseLabels()).isEmpty();
  }

  @Test
  void prefersTextFilesOverNpyByDefaultAndNpyWhenAsked() throws IOException {
    Files.writeString(dir.resolve("train.txt"), "0 1\n");
    NpyFixture.pairs(dir.resolve("train.npy"), "<i4", new long[][] {{0, 9}});
    Files.writeString(dir.resolve("valid.tsv"), "0\t2\n");
    Files.writeString(dir.resolve("test.tsv"), "0\t3\n");

    assertThat(SplitDirectory.load(dir).train().items()).containsExactly(1);
    assertThat(SplitDirectory.load(dir, SplitDirectory.Preference.NPY_FIRST).train().items())
        .containsExactly(9);
    assertThat(SplitDirectory.locate(dir, "train", SplitDirectory.Preference.TEXT_FIRST))
        .contains(dir.resolve("train.txt"));
  }

  @Test
  void namesTheDirectoryAndTheExpectedFilesWhenASplitIsMissing() throws IOException {
    Files.writeString(dir.resolve("train.tsv"), "0\t1\n");
    Files.writeString(dir.resolve("valid.tsv"), "0\t2\n");
    Files.writeString(dir.resolve("test.json"), "[]");

    assertThatThrownBy(() -> SplitDirectory.load(dir))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("no test split")
        .hasMessageContaining("test.tsv, test.csv, test.txt")
        .hasMessageContaining("test_list.npy");
  }

  @Test
  void reportsAMissingDirectory() {
    Path missing = root.resolve("absent");
    assertThatThrownBy(() -> SplitDirectory.load(missing))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("absent")
        .hasMessageContaining("does not exist");
  }

  @Test
  void passesOnReadErrorsWithTheFileAndLine() throws IOException {
    Files.writeString(dir.resolve("train.tsv"), "0\t1\n");
    Files.writeString(dir.resolve("valid.tsv"), "0\t2\n0\tz\n");
    Files.writeString(dir.resolve("test.tsv"), "0\t3\n");
    assertThatThrownBy(() -> SplitDirectory.load(dir))
        .hasMessageContaining("valid.tsv, line 2");
  }

  @Test
  void writesSplitsAndNoiseLabelsThatLoadBackWithTheSameFingerprint() throws IOException {
    Dataset original = Dataset.of("tiny-set",
            Interactions.of(new int[] {0, 0, 1}, new int[] {0, 1, 2}),
            Interactions.of(new int[] {1}, new int[] {0}),
            Interactions.of(new int[] {2}, new int[] {3}))
        .withTrainNoiseLabels(new boolean[] {false, true, false});

    SplitDirectory.write(original, dir);
    Dataset loaded = SplitDirectory.load(dir);

    assertThat(dir.resolve("train.tsv")).exists();
    assertThat(Files.readString(dir.resolve(NoiseLabelFile.NAME))).isEqualTo("0\n1\n0\n");
    assertThat(loaded.fingerprint()).isEqualTo(original.fingerprint());
    assertThat(loaded.trainNoiseLabels()).hasValueSatisfying(
        labels -> assertThat(labels).containsExactly(false, true, false));
  }

  @Test
  void rejectsNoiseLabelsThatDoNotMatchTheTrainFile() throws IOException {
    Files.writeString(dir.resolve("train.tsv"), "0\t1\n0\t2\n");
    Files.writeString(dir.resolve("valid.tsv"), "0\t2\n");
    Files.writeString(dir.resolve("test.tsv"), "0\t3\n");
    Files.writeString(dir.resolve(NoiseLabelFile.NAME), "0\n");
    assertThatThrownBy(() -> SplitDirectory.load(dir))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining(NoiseLabelFile.NAME)
        .hasMessageContaining("1 noise labels for 2 train pairs");
  }
}
