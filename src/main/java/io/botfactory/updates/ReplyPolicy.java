package io.botfactory.updates;

import io.vertx.core.json.JsonObject;

import java.util.Locale;

/**
 * What a bot answers to an update, as its owner configured: a message whose text is
 * {@code /<command>} (optionally {@code @<this bot's username>} and arguments) gets the command's
 * reply; a command addressed to another bot gets nothing; any other text message gets the
 * fallback reply, if there is one. Other update types (edited messages, channel posts, callback
 * queries, member changes, types not known yet) get no answer.
 */
final class ReplyPolicy {

  private ReplyPolicy() {
  }

  /** The text to send to the update's chat, or null for no answer. */
  static String reply(JsonObject update, BotProfile bot) {
    String text = messageText(update);
    if (text == null) {
      return null;
    }
    if (!text.startsWith("/")) {
      return bot.fallbackReply();
    }
    int end = 1;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    String command = text.substring(1, end);
    int at = command.indexOf('@');
    if (at >= 0) {
      String addressee = command.substring(at + 1);
      if (bot.username() == null || !addressee.equalsIgnoreCase(bot.username())) {
        return null; // for another bot in the same group
      }
      command = command.substring(0, at);
    }
    String reply = bot.replies().get(command.toLowerCase(Locale.ROOT));
    return reply != null ? reply : bot.fallbackReply();
  }

  /** The text of a {@code message} update, or null when it has none (a photo, another type). */
  private static String messageText(JsonObject update) {
    Object message = update.getValue("message");
    if (!(message instanceof JsonObject)) {
      return null;
    }
    Object text = ((JsonObject) message).getValue("text");
    return text instanceof String ? (String) text : null;
  }
}
