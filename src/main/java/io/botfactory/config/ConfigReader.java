package io.botfactory.config;

import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Typed, checked reads of the merged JSON; values from the environment arrive as strings. Every
 * problem is a {@link ConfigException} naming the key.
 */
public final class ConfigReader {

  private final JsonObject json;

  public ConfigReader(JsonObject json) {
    this.json = json;
  }

  public String text(ConfigKey key) {
    Object value = json.getValue(key.key());
    return value == null ? "" : value.toString().trim();
  }

  public boolean bool(ConfigKey key) {
    String value = text(key).toLowerCase(Locale.ROOT);
    if (value.equals("true") || value.equals("false")) {
      return value.equals("true");
    }
    throw new ConfigException(key + " must be true or false, got '" + text(key) + "'");
  }

  public String nonBlank(ConfigKey key) {
    String value = text(key);
    if (value.isEmpty()) {
      throw new ConfigException(key + " must not be empty");
    }
    return value;
  }

  public int intAtLeast(ConfigKey key, int min) {
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

  /** A whole number from {@code min} to {@code max}. */
  public int intBetween(ConfigKey key, int min, int max) {
    int value = intAtLeast(key, min);
    if (value > max) {
      throw new ConfigException(key + " must be at most " + max + ", got " + value);
    }
    return value;
  }

  /** A count where {@code 0} means "one per CPU core". */
  public int countOrCores(ConfigKey key) {
    int value = intAtLeast(key, 0);
    return value == 0 ? Runtime.getRuntime().availableProcessors() : value;
  }

  /** Comma-separated values, blanks dropped. */
  public List<String> list(ConfigKey key) {
    List<String> values = new ArrayList<>();
    for (String part : text(key).split(",")) {
      if (!part.isBlank()) {
        values.add(part.trim());
      }
    }
    return List.copyOf(values);
  }

  public int port(ConfigKey key) {
    return intBetween(key, 0, 65535);
  }

  public String oneOf(ConfigKey key, String... allowed) {
    String value = text(key);
    for (String a : allowed) {
      if (a.equals(value)) {
        return value;
      }
    }
    throw new ConfigException(key + " must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
  }
}
