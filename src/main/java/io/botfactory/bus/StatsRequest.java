package io.botfactory.bus;

/** {@code audience.stats}: the figures of one bot of the caller over its last {@code days} UTC days (1-365). */
public record StatsRequest(String clientId, String botId, int days) implements BusMessage {
}
