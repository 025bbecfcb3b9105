package io.botfactory.bus;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/** The contract's one timestamp form: UTC, exactly milliseconds, a {@code Z}: {@code 2026-11-24T14:51:05.123Z}. */
public final class Timestamps {

  // An instant printed with exactly three fraction digits: UTC with a Z. The reference form,
  // and what years outside 1000-9999 are printed with.
  private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  private Timestamps() {
  }

  /**
   * Prints the fields directly: twice per bot in every list, DateTimeFormatter was a third of
   * the cost of writing a page of bots (measured), and this form is fixed-width.
   */
  public static String format(OffsetDateTime time) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(time.toEpochSecond(), time.getNano(), ZoneOffset.UTC);
    int year = t.getYear();
    if (year < 1000 || year > 9999) {
      return FORMAT.format(time.toInstant());
    }
    char[] out = new char[24];
    digits(out, 0, year, 4);
    out[4] = '-';
    digits(out, 5, t.getMonthValue(), 2);
    out[7] = '-';
    digits(out, 8, t.getDayOfMonth(), 2);
    out[10] = 'T';
    digits(out, 11, t.getHour(), 2);
    out[13] = ':';
    digits(out, 14, t.getMinute(), 2);
    out[16] = ':';
    digits(out, 17, t.getSecond(), 2);
    out[19] = '.';
    digits(out, 20, t.getNano() / 1_000_000, 3);
    out[23] = 'Z';
    return new String(out);
  }

  private static void digits(char[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
