package io.botfactory.bus;

/**
 * {@code audience.broadcasts.recipients.csv}: a page of the recipients of one broadcast of one bot
 * of the caller, by chat id, after the chat {@code after} (null: the first page, with the header row).
 */
public record ListRecipientsRequest(String clientId, String botId, String broadcastId, int limit, Long after)
  implements BusMessage {
}
