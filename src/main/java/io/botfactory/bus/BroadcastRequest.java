package io.botfactory.bus;

/**
 * {@code audience.broadcasts.get}, {@code .pause}, {@code .resume}, {@code .cancel}: one broadcast
 * of one bot of the caller; both ids as given in the URL, maybe not UUIDs.
 */
public record BroadcastRequest(String clientId, String botId, String broadcastId) implements BusMessage {
}
