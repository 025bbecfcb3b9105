package io.botfactory.telegram;

/** Keeps texts that came from Telegram, or that are shown about it, short and printable. */
final class TelegramText {

  /** Longest text an outcome carries, so a {@code last_error} column stays short. */
  static final int MAX = 200;

  private TelegramText() {
  }

  static String cap(String text) {
    return clean(text, MAX);
  }

  /**
   * {@code text} without control, format (bidi overrides, zero-width), line-separator or unpaired
   * surrogate characters, at most {@code max} characters (never splitting a pair), ending in "…" when cut.
   */
  static String clean(String text, int max) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().filter(TelegramText::printable).forEach(out::appendCodePoint);
    if (out.length() <= max) {
      return out.toString();
    }
    int cut = max - 1;
    if (Character.isLowSurrogate(out.charAt(cut))) {
      cut--;
    }
    return out.substring(0, cut) + '\u2026';
  }

  private static boolean printable(int cp) {
    int type = Character.getType(cp);
    return type != Character.CONTROL && type != Character.FORMAT && type != Character.LINE_SEPARATOR
      && type != Character.PARAGRAPH_SEPARATOR && type != Character.SURROGATE && type != Character.UNASSIGNED;
  }
}
