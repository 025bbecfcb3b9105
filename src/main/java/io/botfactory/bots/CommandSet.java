package io.botfactory.bots;

import io.botfactory.bus.FieldErrors;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashSet;
import java.util.Set;

/**
 * A bot's commands and fallback reply, checked beyond what the OpenAPI document can say: names
 * unique once their leading {@code /} is dropped, replies measured as Telegram measures them
 * (UTF-16 code units, at most {@value #MAX_REPLY}), and no text PostgreSQL cannot store (NUL,
 * lone surrogates). Stored and answered as {@code {"commands": [{"command", "description",
 * "reply"}], "fallback_reply"}} with names without their {@code /}.
 */
record CommandSet(JsonArray commands, String fallbackReply) {

  static final int MAX_REPLY = 4096;

  static final CommandSet EMPTY = new CommandSet(new JsonArray(), null);

  /** The normalized set, or a failure naming each invalid field ({@code body.commands.3.reply}). */
  static CommandSet parse(JsonArray given, String fallbackReply) {
    FieldErrors errors = new FieldErrors();
    JsonArray commands = new JsonArray();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < given.size(); i++) {
      JsonObject command = given.getJsonObject(i);
      String name = command.getString("command");
      name = name.startsWith("/") ? name.substring(1) : name;
      if (!names.add(name)) {
        errors.add(loc(i, "command"), "Value error, command names must be unique within the bot", "value_error");
      }
      String description = command.getString("description");
      String reply = command.getString("reply");
      checkText(errors, loc(i, "description"), description);
      checkReply(errors, loc(i, "reply"), reply);
      commands.add(new JsonObject().put("command", name).put("description", description).put("reply", reply));
    }
    if (fallbackReply != null) {
      checkReply(errors, new JsonArray().add("body").add("fallback_reply"), fallbackReply);
    }
    if (!errors.isEmpty()) {
      throw errors.failure();
    }
    return new CommandSet(commands, fallbackReply);
  }

  JsonObject toJson() {
    return new JsonObject().put("commands", commands).put("fallback_reply", fallbackReply);
  }

  private static JsonArray loc(int index, String field) {
    return new JsonArray().add("body").add("commands").add(index).add(field);
  }

  private static void checkReply(FieldErrors errors, JsonArray loc, String reply) {
    if (reply.length() > MAX_REPLY) {
      errors.add(loc, "String should have at most " + MAX_REPLY + " UTF-16 code units (Telegram's limit)", "string_too_long");
    } else if (reply.isEmpty()) {
      errors.add(loc, "String should have at least 1 character", "string_too_short");
    } else {
      checkText(errors, loc, reply);
    }
  }

  /** Text PostgreSQL can store: no NUL, no UTF-16 surrogate without its pair. */
  private static void checkText(FieldErrors errors, JsonArray loc, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean lone = Character.isHighSurrogate(c)
        ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(++i))
        : Character.isLowSurrogate(c);
      if (c == 0 || lone) {
        errors.add(loc, "Value error, the text holds a character that cannot be stored (NUL or a lone surrogate)",
          "value_error");
        return;
      }
    }
  }
}
