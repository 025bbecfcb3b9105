package io.botfactory.telegram;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Reads Bot API parameters the lenient way the real server does: every value may come as JSON or as
 * a string (query string, form), so {@code "42"} is a number and {@code "true"} a boolean.
 */
final class DoubleParams {

  private DoubleParams() {
  }

  /** The value as text; null when absent. */
  static String string(JsonObject params, String name) {
    Object value = params.getValue(name);
    if (value == null) {
      return null;
    }
    if (value instanceof JsonObject o) {
      return o.encode();
    }
    if (value instanceof JsonArray a) {
      return a.encode();
    }
    return value.toString();
  }

  /** An integer, {@code fallback} when absent or empty, 0 when not a number (the server's to_integer). */
  static long integer(JsonObject params, String name, long fallback) {
    Object value = params.getValue(name);
    if (value instanceof Number n) {
      return n.longValue();
    }
    String text = string(params, name);
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static long clamp(long value, long min, long max) {
    return Math.max(min, Math.min(max, value));
  }

  /** True for true, "true" and "1". */
  static boolean bool(JsonObject params, String name) {
    Object value = params.getValue(name);
    if (value instanceof Boolean b) {
      return b;
    }
    String text = string(params, name);
    return "true".equalsIgnoreCase(text) || "1".equals(text);
  }

  /** A JSON value sent as JSON or as a JSON string; null when absent or unparsable. */
  static Object json(JsonObject params, String name) {
    Object value = params.getValue(name);
    if (!(value instanceof String text)) {
      return value;
    }
    try {
      String trimmed = text.trim();
      return trimmed.startsWith("[") ? new JsonArray(trimmed) : trimmed.startsWith("{") ? new JsonObject(trimmed) : null;
    } catch (RuntimeException notJson) {
      return null;
    }
  }
}
