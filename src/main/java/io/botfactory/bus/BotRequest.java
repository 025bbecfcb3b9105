package io.botfactory.bus;

/** {@code bots.get}, {@code bots.delete}: one bot of the caller; {@code botId} as given in the URL, maybe not a UUID. */
public record BotRequest(String clientId, String botId) implements BusMessage {
}
