package io.botfactory.bus;

/** The reply of {@code auth.apikey.verify}: the key's client, and the key's id. */
public record ApiKeyOwner(String clientId, String keyId) implements BusMessage {
}
