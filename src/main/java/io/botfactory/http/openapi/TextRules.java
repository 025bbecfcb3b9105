package io.botfactory.http.openapi;

import io.botfactory.bus.FieldErrors;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * What a string field of a request body may hold, checked before the document's own checks and
 * long before anything is hashed or stored (docs/security.md, "Text in requests"):
 * <ul>
 *   <li>never NUL (U+0000): PostgreSQL text cannot store it, so it could only end in an error;</li>
 *   <li>never an unpaired UTF-16 surrogate (a JSON {@code \ud800} escape): it is not Unicode
 *   text, UTF-8 cannot carry it, and the database would store {@code ?} in its place;</li>
 *   <li>no other control character (U+0001 to U+001F, U+007F to U+009F) but tab, line feed and
 *   carriage return: they have no business in a name, an email or a description, and they
 *   corrupt the logs, terminals and exports that show these fields.</li>
 * </ul>
 * A secret (a property with {@code format: password}) is only ever hashed, never stored as text
 * or shown: it may hold any character but NUL and unpaired surrogates, so that no password that
 * worked before stops working.
 */
final class TextRules {

  private TextRules() {
  }

  /** The errors of {@code body}'s string fields named in {@code fields} (name → is a secret); empty when all is well. */
  static FieldErrors check(JsonObject body, Map<String, Boolean> fields) {
    FieldErrors errors = new FieldErrors();
    fields.forEach((name, secret) -> {
      if (body.getValue(name) instanceof String) {
        String problem = problem((String) body.getValue(name), secret);
        if (problem != null) {
          errors.add("body", name, problem, "value_error");
        }
      }
    });
    return errors;
  }

  /** Why {@code value} is refused, or null when it is acceptable text. */
  static String problem(String value, boolean secret) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        return "Value error, NUL characters are not allowed";
      }
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        return "Value error, not valid Unicode text (an unpaired surrogate)";
      }
      if (!secret && Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
        return "Value error, control characters are not allowed";
      }
    }
    return null;
  }
}
