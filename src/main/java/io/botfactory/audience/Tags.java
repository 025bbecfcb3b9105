package io.botfactory.audience;

import io.botfactory.bus.FieldErrors;
import io.vertx.core.json.JsonArray;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Subscribers' tags: 1 to 32 of {@code a-z 0-9 _ -}, at most {@value #MAX} per subscriber (the
 * table's CHECK holds the same limit under concurrent changes). The document checks a request's
 * tags first; this service checks again what it is given over the bus.
 */
final class Tags {

  static final int MAX = 20;
  private static final Pattern TAG = Pattern.compile("[a-z0-9_-]{1,32}");

  private Tags() {
  }

  /**
   * The distinct tags of {@code given} (null: none), in the order first given; at most {@code max}
   * of them, else an error at {@code loc}, or at {@code loc} and the index for one that is not a
   * tag (added to {@code errors}).
   */
  static String[] parse(FieldErrors errors, JsonArray loc, JsonArray given, int max) {
    Set<String> tags = new LinkedHashSet<>();
    for (int i = 0; given != null && i < given.size(); i++) {
      Object tag = given.getValue(i);
      if (tag instanceof String && TAG.matcher((String) tag).matches()) {
        tags.add((String) tag);
      } else {
        errors.add(loc.copy().add(i), "String should match pattern '^[a-z0-9_-]{1,32}$'", "string_pattern_mismatch");
      }
    }
    if (tags.size() > max) {
      errors.add(loc, "List should have at most " + max + " items after validation", "too_long");
    }
    return tags.toArray(new String[0]);
  }

  /** {@link #parse} of the body's field {@code field}, failing at once on an error. */
  static String[] parse(JsonArray given, String field, int max) {
    FieldErrors errors = new FieldErrors();
    String[] tags = parse(errors, new JsonArray().add("body").add(field), given, max);
    if (!errors.isEmpty()) {
      throw errors.failure();
    }
    return tags;
  }

  /** A bulk change that both adds and takes away one tag says two things: refused, naming {@code body.remove}. */
  static void disjoint(String[] add, String[] remove) {
    Set<String> added = Set.of(add);
    for (String tag : remove) {
      if (added.contains(tag)) {
        throw FieldErrors.single("body", "remove", "Value error, a tag cannot be both added and removed", "value_error");
      }
    }
  }

  /** The failure of a change that would give a subscriber more than {@value #MAX} tags. */
  static RuntimeException tooMany(String field) {
    return FieldErrors.single("body", field, "Value error, a subscriber would have more than " + MAX + " tags",
      "value_error");
  }
}
