package io.botfactory.bus;

/**
 * What handling an update needs of it, read once from Telegram's JSON by the node that received
 * it (or that read it back from the inbox), so that the update itself, up to a megabyte, never
 * travels to the node that answers it nor waits in its memory. Every text here is short: the
 * parser caps it.
 *
 * @param updateId     Telegram's update_id (positive)
 * @param kind         the update's type: the first field holding an object, e.g. {@code message}
 * @param chatId       the chat the update belongs to, whose updates are handled in order (its
 *                     sender's id when it names no chat; 0 when neither)
 * @param chatType     private, group, supergroup or channel; null when the update names no chat
 * @param fromId       the user who sent it (0: none)
 * @param firstName    that user's first name, username and language, as Telegram gave them
 * @param text         true for a {@code message} with text
 * @param command      the message's first word when it starts with {@code /} (e.g. {@code /start@my_bot})
 * @param argument     the rest of the message after that word, trimmed, when it is short (a
 *                     {@code /start} deep-link payload); null otherwise
 * @param memberStatus for {@code my_chat_member}: the bot's new status in the chat (e.g. kicked, member)
 */
public record IncomingUpdate(long updateId, String kind, long chatId, String chatType, long fromId, String firstName,
                             String username, String languageCode, boolean text, String command, String argument,
                             String memberStatus) {

  /** A message the chat itself sent (it lifts a block: a user who blocked the bot and writes again has unblocked it). */
  public boolean writes() {
    return kind.equals("message");
  }
}
