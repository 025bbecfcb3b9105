package io.botfactory.engine;

import io.botfactory.bus.IncomingUpdate;

import java.util.Locale;

/**
 * What a bot answers to an update, as its owner configured: a message whose text is
 * {@code /<command>} (optionally {@code @<this bot's username>} and arguments) gets the command's
 * reply; a command addressed to another bot gets nothing; any other text message gets the
 * fallback reply, if there is one. {@code /stop} in a private chat unsubscribes the user and is
 * answered with the bot's own {@code stop} command's reply, if it has one, else {@value #UNSUBSCRIBED}.
 * Other update types (edited messages, channel posts, callback queries, member changes, types not
 * known yet) get no answer.
 */
final class ReplyPolicy {

  static final String UNSUBSCRIBED = "You are unsubscribed. Send /start to subscribe again.";

  /** The answer: the text to send (null: none), and the command addressed to this bot (lower case; null: none). */
  record Answer(String text, String command) {
    static final Answer NONE = new Answer(null, null);
  }

  private ReplyPolicy() {
  }

  static Answer answer(IncomingUpdate update, BotProfile bot) {
    if (!update.text() || !update.writes()) {
      return Answer.NONE;
    }
    if (update.command() == null) {
      return new Answer(bot.fallbackReply(), null);
    }
    String command = update.command().substring(1);
    int at = command.indexOf('@');
    if (at >= 0) {
      String addressee = command.substring(at + 1);
      if (bot.username() == null || !addressee.equalsIgnoreCase(bot.username())) {
        return Answer.NONE; // for another bot in the same group
      }
      command = command.substring(0, at);
    }
    String name = command.toLowerCase(Locale.ROOT);
    String reply = bot.replies().get(name);
    if (reply == null && name.equals("stop") && "private".equals(update.chatType())) {
      reply = UNSUBSCRIBED;
    }
    boolean known = reply != null || name.equals("start") || name.equals("stop");
    return new Answer(reply != null ? reply : bot.fallbackReply(), known ? name : null);
  }
}
