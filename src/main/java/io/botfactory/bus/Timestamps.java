package io.botfactory.bus;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/** The contract's one timestamp form: UTC, exactly milliseconds, a {@code Z}: {@code 2026-11-24T14:51:05.123Z}. */
public final class Timestamps {

  // An instant printed with exactly three fraction digits is always UTC with a Z, and prints
  // faster than a pattern that converts the offset first (it runs twice per bot in every list).
  private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  private Timestamps() {
  }

  public static String format(OffsetDateTime time) {
    return FORMAT.format(time.toInstant());
  }
}
