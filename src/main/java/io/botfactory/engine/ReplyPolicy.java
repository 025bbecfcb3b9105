package io.botfactory.engine;

import io.botfactory.bus.IncomingUpdate;

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
  static String reply(IncomingUpdate update, BotProfile bot) {
    if (!update.text() || !update.writes()) {
      return null;
    }
    if (update.command() == null) {
      return bot.fallbackReply();
    }
    String command = update.command().substring(1);
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
}
