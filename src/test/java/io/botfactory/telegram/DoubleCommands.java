package io.botfactory.telegram;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.regex.Pattern;

import static io.botfactory.telegram.DoubleAnswer.badRequest;

/**
 * setMyCommands' checks: TDLib's first (trimmed, one leading '/' dropped, 1-32 characters, a
 * description of 1-256), then the server's (only {@code a-z 0-9 _}, at most 100 commands), with
 * their texts as the Bot API shows them.
 */
final class DoubleCommands {

  private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");
  private static final JsonObject DEFAULT_SCOPE = new JsonObject().put("type", "default");

  private DoubleCommands() {
  }

  static DoubleAnswer set(DoubleBot bot, JsonObject p) {
    JsonArray commands = new JsonArray();
    if (p.getValue("commands") != null && !"".equals(p.getValue("commands"))) {
      Object value = DoubleParams.json(p, "commands");
      if (value == null) {
        return badRequest("can't parse commands JSON object");
      }
      if (!(value instanceof JsonArray list)) {
        return badRequest("expected an Array of BotCommand");
      }
      for (Object item : list) {
        if (!(item instanceof JsonObject c)) {
          return badRequest("can't parse BotCommand: expected an Object");
        }
        if (!(c.getValue("command") instanceof String) || !(c.getValue("description") instanceof String)) {
          return badRequest("can't parse BotCommand: Field \"" + (c.getValue("command") instanceof String ? "description" : "command")
            + "\" must be of type String");
        }
        String command = c.getString("command").strip();
        command = command.startsWith("/") ? command.substring(1) : command;
        String description = c.getString("description").strip();
        DoubleAnswer refusal = check(command, description);
        if (refusal != null) {
          return refusal;
        }
        commands.add(new JsonObject().put("command", command).put("description", description));
      }
    }
    for (Object c : commands) {
      if (!NAME.matcher(((JsonObject) c).getString("command")).matches()) {
        return badRequest("BOT_COMMAND_INVALID");
      }
    }
    if (commands.size() > 100) {
      return badRequest("BOT_COMMANDS_TOO_MUCH");
    }
    bot.commands.put(key(p), commands);
    return DoubleAnswer.ok(true);
  }

  private static DoubleAnswer check(String command, String description) {
    if (command.isEmpty()) {
      return badRequest("command must be non-empty");
    }
    if (command.codePointCount(0, command.length()) > 32) {
      return badRequest("command length must not exceed 32");
    }
    if (description.isEmpty()) {
      return badRequest("command description must be non-empty");
    }
    if (description.codePointCount(0, description.length()) > 256) {
      return badRequest("command description length must not exceed 256");
    }
    return null;
  }

  /** Commands are kept per scope and language_code. */
  static String key(JsonObject p) {
    Object scope = DoubleParams.json(p, "scope");
    String language = DoubleParams.string(p, "language_code");
    return (scope instanceof JsonObject s ? s : DEFAULT_SCOPE).encode() + "|" + (language == null ? "" : language);
  }
}
