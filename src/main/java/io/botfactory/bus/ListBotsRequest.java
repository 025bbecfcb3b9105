package io.botfactory.bus;

/** {@code bots.list}: a page of the caller's bots, {@code limit} 1-100, after the bot {@code after} (or from the start). */
public record ListBotsRequest(String clientId, int limit, String after) implements BusMessage {
}
