package io.botfactory.bus;

/**
 * {@code engine.messages}: "bot {@code botId} has messages queued through the API", sent (no
 * reply) to {@code engine.messages.<node>}, the node holding the bot, once they are committed.
 * Only a wake-up call: the messages are in PostgreSQL.
 */
public record EngineMessages(String botId) implements BusMessage {
}
