package io.botfactory.http;

import io.botfactory.bus.FieldErrors;
import io.vertx.core.json.JsonObject;

import java.util.regex.Pattern;

/**
 * Validates the fields of one request part and collects every problem, FastAPI style, so a
 * client learns of all its mistakes in one 422. Lengths count Unicode code points. Each reader
 * returns the value (or null when invalid); {@link #check()} throws once at the end.
 */
final class Fields {

  // One @, a local part, and a domain with at least one dot and no empty label.
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

  private final JsonObject values;
  private final String where;
  private final FieldErrors errors = new FieldErrors();

  Fields(JsonObject values, String where) {
    this.values = values;
    this.where = where;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  /** A required string; trimmed first when {@code trim}, then {@code min..max} code points long. */
  String string(String name, boolean trim, int min, int max) {
    if (values.getValue(name) == null) {
      if (values.containsKey(name)) {
        errors.add(where, name, "Input should be a valid string", "string_type");
      } else {
        errors.add(where, name, "Field required", "missing");
      }
      return null;
    }
    return text(name, trim, min, max);
  }

  /** An optional string: absent or null gives null. */
  String optionalString(String name, boolean trim, int min, int max) {
    return values.getValue(name) == null ? null : text(name, trim, min, max);
  }

  /** A string that may be absent, but when present must not be null. */
  String presentString(String name, boolean trim, int min, int max) {
    return has(name) ? string(name, trim, min, max) : null;
  }

  /** A boolean that may be absent, but when present must be a JSON boolean. */
  Boolean presentBoolean(String name) {
    if (!has(name)) {
      return null;
    }
    Object value = values.getValue(name);
    if (value instanceof Boolean) {
      return (Boolean) value;
    }
    errors.add(where, name, "Input should be a valid boolean", "bool_type");
    return null;
  }

  /** A required email: trimmed, at most 254 characters, one @ and a dotted domain. */
  String email(String name) {
    String email = string(name, true, 1, 254);
    if (email != null && !EMAIL.matcher(email).matches()) {
      errors.add(where, name, "value is not a valid email address: it needs one @ and a domain with a dot", "value_error");
      return null;
    }
    return email;
  }

  /** Records a problem a caller found itself, such as a malformed token. */
  void invalid(String name, String msg) {
    errors.add(where, name, msg, "value_error");
  }

  /** Throws the 422 when any field was invalid. */
  void check() {
    if (!errors.isEmpty()) {
      throw errors.failure();
    }
  }

  private String text(String name, boolean trim, int min, int max) {
    Object raw = values.getValue(name);
    if (!(raw instanceof String)) {
      errors.add(where, name, "Input should be a valid string", "string_type");
      return null;
    }
    String value = trim ? ((String) raw).strip() : (String) raw;
    int length = value.codePointCount(0, value.length());
    if (length < min) {
      errors.add(where, name, "String should have at least " + min + (min == 1 ? " character" : " characters"),
        "string_too_short");
      return null;
    }
    if (length > max) {
      errors.add(where, name, "String should have at most " + max + (max == 1 ? " character" : " characters"),
        "string_too_long");
      return null;
    }
    return value;
  }
}
