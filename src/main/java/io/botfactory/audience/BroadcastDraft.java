package io.botfactory.audience;

import io.botfactory.bus.FieldErrors;
import io.botfactory.bus.Timestamps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A new broadcast, checked beyond what the document can say: its text measured as Telegram
 * measures it (UTF-16 code units, at most {@value #MAX_TEXT}) and not only whitespace (Telegram
 * refuses an empty message, which would fail every recipient), its segment's lists and times,
 * and {@code send_at}. The segment is stored whole, every key present:
 * {@code {"tags_any", "tags_all", "sources", "seen_since"}}, as {@code in_segment} reads it.
 */
record BroadcastDraft(String text, boolean silent, JsonObject segment, OffsetDateTime sendAt) {

  static final int MAX_TEXT = 4096;
  /** More than any subscriber has: a segment needing more than 20 tags at once matches nobody. */
  static final int MAX_TAGS_ALL = Tags.MAX;
  static final int MAX_LIST = 100;
  private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  static BroadcastDraft parse(String text, boolean silent, JsonObject segment, String sendAt) {
    FieldErrors errors = new FieldErrors();
    checkText(errors, text);
    JsonObject normalized = segment(errors, segment);
    OffsetDateTime at = time(errors, new JsonArray().add("body").add("send_at"), sendAt);
    if (!errors.isEmpty()) {
      throw errors.failure();
    }
    return new BroadcastDraft(text, silent, normalized, at);
  }

  /**
   * A segment alone, checked and completed as a broadcast's (errors at {@code body.segment...}):
   * what {@code POST /bots/{id}/subscribers/count} counts, so that its number is the one a
   * broadcast created with the same segment would reach.
   */
  static JsonObject segment(JsonObject segment) {
    FieldErrors errors = new FieldErrors();
    JsonObject normalized = segment(errors, segment);
    if (!errors.isEmpty()) {
      throw errors.failure();
    }
    return normalized;
  }

  private static JsonObject segment(FieldErrors errors, JsonObject segment) {
    JsonObject given = segment == null ? new JsonObject() : segment;
    JsonObject normalized = new JsonObject()
      .put("tags_any", tags(errors, given, "tags_any", MAX_LIST))
      .put("tags_all", tags(errors, given, "tags_all", MAX_TAGS_ALL));
    normalized.put("sources", sources(errors, given.getJsonArray("sources")));
    OffsetDateTime seenSince = time(errors, loc("segment", "seen_since"), given.getString("seen_since"));
    normalized.put("seen_since", seenSince == null ? null : Timestamps.format(seenSince));
    return normalized;
  }

  private static void checkText(FieldErrors errors, String text) {
    JsonArray loc = new JsonArray().add("body").add("text");
    if (text == null || text.isBlank()) {
      errors.add(loc, "String should have at least 1 character that is not whitespace", "string_too_short");
    } else if (text.length() > MAX_TEXT) {
      errors.add(loc, "String should have at most " + MAX_TEXT + " UTF-16 code units (Telegram's limit)", "string_too_long");
    }
  }

  private static JsonArray tags(FieldErrors errors, JsonObject segment, String key, int max) {
    return new JsonArray(List.of((Object[]) Tags.parse(errors, loc("segment", key), segment.getJsonArray(key), max)));
  }

  private static JsonArray sources(FieldErrors errors, JsonArray given) {
    JsonArray sources = new JsonArray();
    for (int i = 0; given != null && i < given.size(); i++) {
      Object source = given.getValue(i);
      if (source instanceof String && SOURCE.matcher((String) source).matches()) {
        sources.add(source);
      } else {
        errors.add(loc("segment", "sources").add(i), "String should match pattern '^[A-Za-z0-9_-]{1,64}$'",
          "string_pattern_mismatch");
      }
    }
    if (sources.size() > MAX_LIST) {
      errors.add(loc("segment", "sources"), "List should have at most " + MAX_LIST + " items after validation", "too_long");
    }
    return sources;
  }

  /** An RFC 3339 date-time with its offset, or null when none was given. */
  private static OffsetDateTime time(FieldErrors errors, JsonArray loc, String given) {
    if (given == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(given, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      errors.add(loc, "Input should be a valid datetime", "datetime_parsing");
      return null;
    }
  }

  private static JsonArray loc(String... path) {
    JsonArray loc = new JsonArray().add("body");
    for (String part : path) {
      loc.add(part);
    }
    return loc;
  }
}
