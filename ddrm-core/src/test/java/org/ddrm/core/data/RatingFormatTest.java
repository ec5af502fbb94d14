package org.ddrm.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingFormatTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  /** Every rating as "user item rating time", in table order. */
  private static List<String> rows(RatingTable table) {
    List<String> rows = new ArrayList<>();
    for (int k = 0; k < table.size(); k++) {
      rows.add(table.userId(table.user(k)) + " " + table.itemId(table.item(k)) + " "
          + table.rating(k) + " " + table.time(k));
    }
    return rows;
  }

  private RatingTable read(RatingFormat format, Path file) {
    return format.read(file, CsvLayout.defaults());
  }

  @Test
  void readsMovieLensDatWithoutAHeader() throws IOException {
    Path file = write("ratings.dat", "1::1193::5::978300760\n\n6040::1097::4::956715518\n");
    assertThat(rows(read(RatingFormat.MOVIELENS, file)))
        .containsExactly("1 1193 5.0 978300760", "6040 1097 4.0 956715518");
  }

  @Test
  void readsMovieLensCsvByItsHeader() throws IOException {
    Path file = write("ratings.csv",
        "userId,movieId,rating,timestamp\n1,31,2.5,1260759144\n1,1029,3.0,1260759179\n");
    assertThat(rows(read(RatingFormat.MOVIELENS, file)))
        .containsExactly("1 31 2.5 1260759144", "1 1029 3.0 1260759179");
  }

  @Test
  void readsMovieLens100kTabSeparatedData() throws IOException {
    Path file = write("u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n");
    assertThat(rows(read(RatingFormat.MOVIELENS, file))).hasSize(2)
        .first().isEqualTo("196 242 3.0 881250949");
  }

  @Test
  void aMalformedFirstLineIsAnErrorOnLineOneNotASkippedHeader() throws IOException {
    Path file = write("ratings.dat", "1::1193::five::978300760\n1::661::3::978302109\n");
    assertThatThrownBy(() -> read(RatingFormat.MOVIELENS, file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("ratings.dat, line 1: rating 'five' is not a number");
  }

  @Test
  void aCsvWithoutItsHeaderIsAnErrorOnLineOne() throws IOException {
    Path file = write("ratings.csv", "1,31,2.5,1260759144\n");
    assertThatThrownBy(() -> read(RatingFormat.MOVIELENS, file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("ratings.csv, line 1: the header has no column 'userId'");
  }

  @Test
  void aShortLineNamesItsOwnLine() throws IOException {
    Path file = write("ratings.dat", "1::1193::5::978300760\n\n1::661::3\n");
    assertThatThrownBy(() -> read(RatingFormat.MOVIELENS, file))
        .hasMessageContaining("ratings.dat, line 3: expected 4 fields")
        .hasMessageContaining("user::item::rating::timestamp");
  }

  @Test
  void anEmptyFileIsAnErrorNamingTheFileInEveryFormat() throws IOException {
    Path empty = write("empty.txt", "\n  \n");
    for (RatingFormat format : RatingFormat.values()) {
      assertThatThrownBy(() -> read(format, empty)).as(format.name())
          .isInstanceOf(DataFormatException.class)
          .hasMessageContaining("empty.txt: no ratings in the file");
    }
  }

  @Test
  void readsYelpReviewsSkippingTextAndNestedFields() throws IOException {
    Path file = write("review.json",
        "{\"review_id\":\"r1\",\"user_id\":\"u-A\",\"business_id\":\"b-1\",\"stars\":4.0,"
            + "\"useful\":2,\"text\":\"Great {food}, \\\"nice\\\"\",\"date\":\"2016-03-09 00:00:01\"}\n"
            + "{\"user_id\":\"u-B\",\"extra\":{\"a\":[1,2,{\"b\":3}]},\"business_id\":\"b-2\","
            + "\"stars\":2,\"date\":\"2016-03-10\"}\n");
    assertThat(rows(read(RatingFormat.YELP, file)))
        .containsExactly("u-A b-1 4.0 1457481601", "u-B b-2 2.0 1457568000");
  }

  @Test
  void malformedJsonNamesItsLine() throws IOException {
    Path file = write("review.json",
        "{\"user_id\":\"u\",\"business_id\":\"b\",\"stars\":4,\"date\":\"2016-03-09\"}\n"
            + "{\"user_id\":\"u\",\"business_id\":\"b\",\"stars\":4,\"date\":\n");
    assertThatThrownBy(() -> read(RatingFormat.YELP, file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("review.json, line 2: malformed JSON");
  }

  @Test
  void aMissingJsonFieldIsNamed() throws IOException {
    Path file = write("review.json", "{\"user_id\":\"u\",\"stars\":4,\"date\":\"2016-03-09\"}\n");
    assertThatThrownBy(() -> read(RatingFormat.YELP, file))
        .hasMessageContaining("review.json, line 1: no 'business_id' field");
  }

  @Test
  void readsAmazonRatingsCsvAndGzippedReviewJsonLines() throws IOException {
    Path csv = write("ratings_Books.csv", "A1,0001,5.0,1093392000\nA2,0002,3.0,1093392001\n");
    assertThat(rows(read(RatingFormat.AMAZON, csv)))
        .containsExactly("A1 0001 5.0 1093392000", "A2 0002 3.0 1093392001");

    Path json = dir.resolve("Books_5.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(json))) {
      out.write(("{\"overall\": 5.0, \"verified\": true, \"reviewerID\": \"A1\", \"asin\": \"0001\","
          + " \"style\": {\"Format:\": \" Hardcover\"}, \"unixReviewTime\": 1093392000}\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    assertThat(rows(read(RatingFormat.AMAZON, json))).containsExactly("A1 0001 5.0 1093392000");
  }

  @Test
  void readsRecBoleAtomicFilesByTheirTypedHeader() throws IOException {
    Path file = write("ml.inter", "item_id:token\tuser_id:token\ttimestamp:float\trating:float\n"
        + "242\t196\t881250949\t3\n302\t186\t8.91717742E8\t3\n");
    assertThat(rows(read(RatingFormat.RECBOLE, file)))
        .containsExactly("196 242 3.0 881250949", "186 302 3.0 891717742");
  }

  @Test
  void aRecBoleHeaderWithoutTypesIsAnError() throws IOException {
    Path file = write("ml.inter", "user_id\titem_id\trating\ttimestamp\n196\t242\t3\t881250949\n");
    assertThatThrownBy(() -> read(RatingFormat.RECBOLE, file))
        .hasMessageContaining("ml.inter, line 1: header field 'user_id' has no type");
  }

  @Test
  void readsAnyCsvWithColumnsByNameOrIndex() throws IOException {
    Path named = write("log.csv", "when;who;score;what\n7;ann;4;x\n3;bob;1;\"y;z\"\n");
    CsvLayout byName = new CsvLayout(";", true, ColumnRef.parse("who"), ColumnRef.parse("what"),
        ColumnRef.parse("score"), Optional.of(ColumnRef.parse("when")));
    assertThat(rows(RatingFormat.CSV.read(named, byName)))
        .containsExactly("ann x 4.0 7", "bob y;z 1.0 3");

    Path indexed = write("log.tsv", "ann\tx\t4\nbob\ty\t1\n");
    CsvLayout byIndex = new CsvLayout("\t", false, ColumnRef.parse("0"), ColumnRef.parse("1"),
        ColumnRef.parse("2"), Optional.empty());
    assertThat(rows(RatingFormat.CSV.read(indexed, byIndex)))
        .containsExactly("ann x 4.0 0", "bob y 1.0 1"); // no time column: file order
  }

  @Test
  void aNamedColumnMissingFromTheHeaderIsNamed() throws IOException {
    Path file = write("log.csv", "who,what,score\nann,x,4\n");
    CsvLayout layout = new CsvLayout(",", true, ColumnRef.parse("who"), ColumnRef.parse("what"),
        ColumnRef.parse("stars"), Optional.empty());
    assertThatThrownBy(() -> RatingFormat.CSV.read(file, layout))
        .hasMessageContaining("log.csv, line 1: the header has no column 'stars'");
  }
}
