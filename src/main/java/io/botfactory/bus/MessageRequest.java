package io.botfactory.bus;

/** {@code integration.messages.get}: one API message of one bot of the caller, ids as given in the URL. */
public record MessageRequest(String clientId, String botId, String messageId) implements BusMessage {
}
