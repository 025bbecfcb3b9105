package io.botfactory.engine;

import io.botfactory.bus.IncomingUpdate;

import java.util.regex.Pattern;

/**
 * What an update of a private chat does to its subscriber: always its name, username and language
 * (they follow the latest update) and when it was last seen; and its status: {@code /stop}
 * unsubscribes, {@code /start} subscribes (again), with its argument as the source when it is a
 * deep-link payload; {@code my_chat_member} saying {@code kicked} blocks, {@code member} unblocks;
 * a message the user writes unblocks; a {@code 403} on a reply blocks. Updates of other chats do
 * nothing to the audience.
 *
 * @param change what it does to the status: {@code start}, {@code stop}, {@code block},
 *               {@code unblock}, or null for nothing
 * @param source the /start payload, when {@code change} is {@code start} and it carried one
 */
record SubscriberChange(String firstName, String username, String languageCode, String change, String source) {

  private static final Pattern PAYLOAD = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** The change {@code update} makes, answered as {@code answer} (its command addressed to this bot); null for none. */
  static SubscriberChange of(IncomingUpdate update, ReplyPolicy.Answer answer) {
    if (!"private".equals(update.chatType())) {
      return null;
    }
    String change = null;
    String source = null;
    if ("start".equals(answer.command())) {
      change = "start";
      source = update.argument() != null && PAYLOAD.matcher(update.argument()).matches() ? update.argument() : null;
    } else if ("stop".equals(answer.command())) {
      change = "stop";
    } else if ("kicked".equals(update.memberStatus())) {
      change = "block";
    } else if ("member".equals(update.memberStatus()) || update.writes()) {
      change = "unblock";
    }
    return new SubscriberChange(update.firstName(), update.username(), update.languageCode(), change, source);
  }

  /** The same subscriber, blocked (Telegram answered 403). */
  SubscriberChange blocked() {
    return new SubscriberChange(firstName, username, languageCode, "block", null);
  }
}
