package io.botfactory.bus;

/** {@code clients.get}: the caller's own client id, from its verified token. */
public record ClientRequest(String clientId) implements BusMessage {
}
