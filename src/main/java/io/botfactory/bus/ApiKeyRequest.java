package io.botfactory.bus;

/** {@code auth.apikeys.delete}: one key of the caller; {@code keyId} as given in the URL, maybe not a UUID. */
public record ApiKeyRequest(String clientId, String keyId) implements BusMessage {
}
