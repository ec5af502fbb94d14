package org.ddrm.core.evaluation;

import java.util.Locale;

/**
 * Which held-out pairs an evaluation ranks against. Validation masks the train items; test masks
 * the train and validation items.
 */
public enum Split {
  VALID,
  TEST;

  /** The lower-case name written in tables and logs ({@code valid}, {@code test}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
