package org.ddrm.core.data;

import java.nio.file.Path;

/** Parsing of integer fields with error messages that name the file and line. */
final class Ids {
  private Ids() {}

  /** A non-negative {@code int} id. */
  static int parse(String field, String what, Path file, long line) {
    long value = parseLong(field, what, file, line);
    if (value < 0) {
      throw DataFormatException.atLine(file, line, what + " " + value + " is negative");
    }
    if (value > Integer.MAX_VALUE) {
      throw DataFormatException.atLine(
          file, line, what + " " + value + " is larger than " + Integer.MAX_VALUE);
    }
    return (int) value;
  }

  /** Any {@code long}. */
  static long parseLong(String field, String what, Path file, long line) {
    try {
      return Long.parseLong(field);
    } catch (NumberFormatException e) {
      throw DataFormatException.atLine(
          file, line, what + " '" + field + "' is not an integer");
    }
  }

  /** Any finite {@code double}. */
  static double parseDouble(String field, String what, Path file, long line) {
    try {
      double value = Double.parseDouble(field);
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw DataFormatException.atLine(file, line, what + " '" + field + "' is not a number");
  }
}
