package org.ddrm.eval.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.ddrm.api.Dataset;
import org.ddrm.core.data.DatasetSummary;
import org.ddrm.core.data.PreparedDirectory;
import org.ddrm.core.data.SplitDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
  @TempDir Path dir;
  private final StringWriter err = new StringWriter();

  private int execute(String... args) {
    return Main.commandLine().setErr(new PrintWriter(err, true)).execute(args);
  }

  @Test
  void prepareWritesTheNaturalNoiseSplitWithIdMapsAndCounts() throws Exception {
    // 60 distinct pairs (6 users, 30 items of 2 ratings each), then two repeats of the first
    // pair and a user with a single rating, whom --user-core 2 drops
    StringBuilder log = new StringBuilder();
    for (int t = 0; t < 63; t++) {
      String user = t < 60 ? "u" + t % 6 : t < 62 ? "u0" : "loner";
      int item = t < 60 ? t / 2 : 0;
      log.append(String.format(Locale.ROOT, "{\"user_id\":\"%s\",\"business_id\":\"b%d\","
          + "\"stars\":%d,\"text\":\"...\",\"date\":\"2019-01-01 %02d:%02d:00\"}%n",
          user, item, 1 + t % 5, t / 60, t % 60));
    }
    Path reviews = Files.writeString(dir.resolve("review.json"), log);
    Path out = dir.resolve("yelp-tiny");
    assertThat(execute("data", "prepare", "--format", "yelp", reviews.toString(),
        "--out", out.toString(), "--user-core", "2", "--item-core", "2")).as(err.toString())
        .isEqualTo(0);
    Dataset data = SplitDirectory.load(out);
    assertThat(data.train().size()).isEqualTo(42);
    assertThat(data.trainNoiseLabels()).isPresent();
    assertThat(out.resolve(PreparedDirectory.USER_IDS)).exists();
    assertThat(out.resolve(PreparedDirectory.VALID_LABELS)).exists();
    assertThat(Files.readString(out.resolve(DatasetSummary.NAME)))
        .contains("\"users\" : 6", "\"format\" : \"yelp\"", "\"user_core\" : 2",
            "\"ratings_read\" : 63", "\"repeated_pairs_dropped\" : 2",
            "\"ratings_after_k_core\" : 60");
  }

  @Test
  void prepareOnAnEmptyFileFailsNamingIt() throws Exception {
    Path empty = Files.writeString(dir.resolve("ratings.dat"), "");
    Path out = dir.resolve("out");
    assertThat(execute("data", "prepare", empty.toString(), "--out", out.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("ratings.dat: no ratings in the file");
    assertThat(out.resolve("train.tsv")).doesNotExist();
  }

  @Test
  void prepareOnAMalformedFirstLineNamesLineOne() throws Exception {
    Path bad = Files.writeString(dir.resolve("ratings.dat"),
        "1::2::x::3\n1::3::4::5\n");
    assertThat(execute("data", "prepare", bad.toString(), "--out", dir.resolve("o").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("ratings.dat, line 1: rating 'x' is not a number");
  }

  @Test
  void csvColumnsByNameNeedAHeader() throws Exception {
    Path csv = Files.writeString(dir.resolve("log.csv"), "a,b,5,1\n");
    assertThat(execute("data", "prepare", "--format", "csv", csv.toString(), "--user-col", "who",
        "--out", dir.resolve("o").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("column 'who' is given by name: add --header");
  }

  @Test
  void generateWritesAShapedDataSetWithItsCounts() throws Exception {
    Path out = dir.resolve("shaped");
    assertThat(execute("data", "generate", "--preset", "yelp", "--users", "300", "--items",
        "400", "--interactions", "9000", "--out", out.toString())).isEqualTo(0);
    Dataset data = SplitDirectory.load(out);
    assertThat(data.numUsers()).isEqualTo(300);
    assertThat(data.trainNoiseLabels()).isPresent();
    assertThat(Files.readString(out.resolve(DatasetSummary.NAME)))
        .contains("\"users\" : 300", "\"items\" : 400", "\"preset\" : \"yelp\"");
  }
}
