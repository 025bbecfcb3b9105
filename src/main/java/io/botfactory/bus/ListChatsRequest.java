package io.botfactory.bus;

/** {@code bots.chats.list}: a page of the chats of one bot of the caller, after the chat {@code after} (or from the start). */
public record ListChatsRequest(String clientId, String botId, int limit, Long after) implements BusMessage {
}
