package org.ddrm.core.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * Ratings from JSON lines (one object per line; plain or gzip), read as a stream with Jackson's
 * parser: only the four named fields are kept, every other value (review text, nested objects) is
 * skipped without being built, so memory does not grow with the file. Used for the Yelp review
 * file and Amazon's review files.
 */
public final class JsonLinesRatingReader implements RatingReader {
  /** How the time field is written. */
  public enum TimeKind {
    /** Seconds since the epoch, a number (Amazon's {@code unixReviewTime}). */
    UNIX_SECONDS,
    /** {@code yyyy-MM-dd HH:mm:ss} or {@code yyyy-MM-dd}, read as UTC (Yelp's {@code date}). */
    DATE_TIME
  }

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd[ HH:mm[:ss]]");

  private final JsonFactory factory = new JsonFactory();
  private final String userField;
  private final String itemField;
  private final String ratingField;
  private final String timeField;
  private final TimeKind timeKind;

  public JsonLinesRatingReader(String userField, String itemField, String ratingField,
      String timeField, TimeKind timeKind) {
    this.userField = userField;
    this.itemField = itemField;
    this.ratingField = ratingField;
    this.timeField = timeField;
    this.timeKind = timeKind;
  }

  /** The Yelp Open Dataset's review file ({@code yelp_academic_dataset_review.json}). */
  public static JsonLinesRatingReader yelp() {
    return new JsonLinesRatingReader("user_id", "business_id", "stars", "date",
        TimeKind.DATE_TIME);
  }

  /** Amazon review JSON lines (2014 and 2018 dumps: reviewerID, asin, overall, unixReviewTime). */
  public static JsonLinesRatingReader amazon() {
    return new JsonLinesRatingReader("reviewerID", "asin", "overall", "unixReviewTime",
        TimeKind.UNIX_SECONDS);
  }

  @Override
  public RatingTable read(Path file) {
    RatingTable table = new RatingTable();
    try (BufferedReader reader = InputFiles.open(file)) {
      long line = 0;
      for (String text = reader.readLine(); text != null; text = reader.readLine()) {
        line++;
        if (!text.isBlank()) {
          readObject(text, file, line, table);
        }
      }
    } catch (IOException e) {
      throw InputFiles.readFailure(file, e);
    }
    if (table.size() == 0) {
      throw RatingReader.noRatings(file);
    }
    return table;
  }

  private void readObject(String text, Path file, long line, RatingTable table)
      throws IOException {
    String user = null;
    String item = null;
    Double rating = null;
    Long time = null;
    try (JsonParser parser = factory.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw DataFormatException.atLine(file, line, "expected a JSON object, found '"
            + abbreviated(text) + "'");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals(userField)) {
          user = scalar(parser, value, file, line);
        } else if (name.equals(itemField)) {
          item = scalar(parser, value, file, line);
        } else if (name.equals(ratingField)) {
          rating = Ids.parseDouble(scalar(parser, value, file, line), ratingField, file, line);
        } else if (name.equals(timeField)) {
          time = time(scalar(parser, value, file, line), file, line);
        } else {
          parser.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw DataFormatException.atLine(file, line, "malformed JSON: " + e.getOriginalMessage());
    }
    require(user, userField, file, line);
    require(item, itemField, file, line);
    require(rating, ratingField, file, line);
    require(time, timeField, file, line);
    table.add(user, item, rating, time);
  }

  private static String scalar(JsonParser parser, JsonToken value, Path file, long line)
      throws IOException {
    if (value == null || value.isStructStart() || value == JsonToken.VALUE_NULL) {
      throw DataFormatException.atLine(file, line,
          "field '" + parser.currentName() + "' is not a string or number");
    }
    return parser.getText();
  }

  private long time(String text, Path file, long line) {
    if (timeKind == TimeKind.UNIX_SECONDS) {
      return DelimitedRatingReader.parseTime(text, file, line);
    }
    try {
      TemporalAccessor parsed = DATE_TIME.parseBest(text, LocalDateTime::from, LocalDate::from);
      LocalDateTime at = parsed instanceof LocalDateTime dateTime
          ? dateTime : ((LocalDate) parsed).atStartOfDay();
      return at.toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw DataFormatException.atLine(file, line, "field '" + timeField + "' = '" + text
          + "' is not a date (yyyy-MM-dd HH:mm:ss)");
    }
  }

  private static void require(Object value, String field, Path file, long line) {
    if (value == null) {
      throw DataFormatException.atLine(file, line, "no '" + field + "' field");
    }
  }

  private static String abbreviated(String text) {
    String t = text.strip();
    return t.length() <= 60 ? t : t.substring(0, 57) + "...";
  }
}
