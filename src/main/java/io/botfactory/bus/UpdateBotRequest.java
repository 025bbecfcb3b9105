package io.botfactory.bus;

/** {@code bots.update}: changes to one bot of the caller. */
public record UpdateBotRequest(String clientId, String botId, BotChanges changes) implements BusMessage {
}
