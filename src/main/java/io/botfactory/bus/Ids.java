package io.botfactory.bus;

import java.util.UUID;
import java.util.regex.Pattern;

/** Ids on the bus and in URLs are canonical UUID strings; anything else is simply "no such id". */
public final class Ids {

  // UUID.fromString alone accepts forms like "1-1-1-1-1"; ids are only ever the canonical 36 characters.
  private static final Pattern CANONICAL = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Ids() {
  }

  /** The UUID, or null when {@code text} is null or not a canonical UUID. */
  public static UUID uuid(String text) {
    if (text == null || !CANONICAL.matcher(text).matches()) {
      return null;
    }
    return UUID.fromString(text);
  }
}
