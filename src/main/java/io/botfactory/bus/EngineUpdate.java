package io.botfactory.bus;

/**
 * {@code engine.updates.<node>}: an update just committed to the inbox, sent (no reply) to the
 * node that holds its bot, which handles it from memory. {@code version}: the bot's version when
 * it was stored (a node whose cached profile is older reads the bot again first);
 * {@code receivedAt}: when it was stored, in epoch milliseconds (retries give up ten minutes
 * after). A lost message costs time, not the update: the inbox is the record, and the sweeps
 * find what no message announced.
 */
public record EngineUpdate(String botId, long version, long receivedAt, IncomingUpdate update) implements BusMessage {
}
