package io.botfactory.bus;

/**
 * {@code auth.apikeys.revoked.<listener>}: a key's deletion has committed; the HTTP verticle
 * instance drops the key from its cache, then answers. By id, never by its hash.
 */
public record ApiKeyRevoked(String keyId, String clientId) implements BusMessage {
}
