package io.botfactory.audience;

import io.vertx.core.buffer.Buffer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * One page of an export as CSV text: RFC 4180 (comma, CRLF, quoted where needed, quotes doubled)
 * by Apache Commons CSV, and no cell a spreadsheet would take for a formula: a cell starting with
 * {@code =}, {@code +}, {@code -} or {@code @} (a name can) is prefixed with {@code '}. Null is an
 * empty cell.
 */
final class CsvText {

  private static final CSVFormat FORMAT = CSVFormat.RFC4180;

  private final StringBuilder text;
  private final CSVPrinter printer;

  /** A page; the first one of an export starts with the {@code header} row (null for the others). */
  CsvText(String[] header, int rows) {
    text = new StringBuilder(128 * (rows + 1));
    try {
      printer = new CSVPrinter(text, FORMAT);
      if (header != null) {
        printer.printRecord((Object[]) header);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void record(String... cells) {
    try {
      printer.printRecord(Arrays.stream(cells).map(CsvText::cell).toArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Buffer toBuffer() {
    return Buffer.buffer(text.toString());
  }

  /** The cell as a spreadsheet may open it safely. */
  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    char first = value.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' ? "'" + value : value;
  }
}
