package io.botfactory.bus;

/**
 * {@code auth.apikeys.create}: a new key of the caller's, named {@code name} (validated and
 * trimmed by the router), known to the service by its SHA-256 alone ({@code keyHash}, hex): the
 * HTTP node made the key and shows it once. {@link #toString()} never shows the hash.
 */
public record CreateApiKeyRequest(String clientId, String name, String keyHash) implements BusMessage {

  @Override
  public String toString() {
    return "CreateApiKeyRequest[clientId=" + clientId + ", name=" + name + "]";
  }
}
