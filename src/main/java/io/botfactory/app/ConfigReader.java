package io.botfactory.app;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Typed, checked reads of the merged JSON; values from the environment arrive as strings. */
final class ConfigReader {
  private final JsonObject json;

ConfigReader(JsonObject json) {
    this.json = json;
  }

  String text(String key) {
    Object value = json.getValue(key);
    return value == null ? "" : value.toString().trim();
  }

  boolean bool(String key) {
    String value = text(key).toLowerCase(Locale.ROOT);
    if (value.equals("true") || value.equals("false")) {
      return value.equals("true");
    }
    throw new ConfigException(key + " must be true or false, got '" + text(key) + "'");
  }

  String nonBlank(String key) {
    String value = text(key);
    if (value.isEmpty()) {
      throw new ConfigException(key + " must not be empty");
    }
    return value;
  }

  int intAtLeast(String key, int min) {
    String value = text(key);
    int parsed;
    try {
      parsed = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a whole number, got '" + value + "'");
    }
    if (parsed < min) {
      throw new ConfigException(key + " must be at least " + min + ", got " + parsed);
    }
    return parsed;
  }

  /** Comma-separated values, blanks dropped. */
  List<String> list(String key) {
    List<String> values = new ArrayList<>();
    for (String part : text(key).split(",")) {
      if (!part.isBlank()) {
        values.add(part.trim());
      }
    }
    return List.copyOf(values);
  }

  int port(String key) {
    int port = intAtLeast(key, 0);
    if (port > 65535) {
      throw new ConfigException(key + " must be a TCP port (0-65535), got " + port);
    }
    return port;
  }

  String oneOf(String key, String... allowed) {
    String value = text(key);
    for (String a : allowed) {
      if (a.equals(value)) {
        return value;
      }
    }
    throw new ConfigException(key + " must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
  }
}
