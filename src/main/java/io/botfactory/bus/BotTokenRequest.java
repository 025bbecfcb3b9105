package io.botfactory.bus;

/** {@code bots.token}: the decrypted token of one bot, for the platform's own workers. */
public record BotTokenRequest(String botId) implements BusMessage {
}
