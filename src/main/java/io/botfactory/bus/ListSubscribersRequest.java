package io.botfactory.bus;

/**
 * {@code audience.subscribers.list} and {@code audience.subscribers.csv}: a page of the subscribers
 * of one bot of the caller, oldest first, after the subscriber {@code after} (a chat id, or null
 * for the first page); {@code status}, {@code tag} and {@code source} filter when not null.
 */
public record ListSubscribersRequest(String clientId, String botId, String status, String tag, String source, int limit,
                                     Long after) implements BusMessage {
}
