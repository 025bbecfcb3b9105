package io.botfactory.bus;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The contract's one timestamp form: UTC, exactly milliseconds, a {@code Z}: {@code 2026-11-24T14:51:05.123Z}. */
public final class Timestamps {

  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'");

  private Timestamps() {
  }

  public static String format(OffsetDateTime time) {
    return FORMAT.format(time.withOffsetSameInstant(ZoneOffset.UTC));
  }
}
