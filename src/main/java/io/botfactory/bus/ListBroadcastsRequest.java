package io.botfactory.bus;

/** {@code audience.broadcasts.list}: a page of the broadcasts of one bot of the caller, newest first, after the broadcast {@code after}. */
public record ListBroadcastsRequest(String clientId, String botId, int limit, String after) implements BusMessage {
}
