package io.botfactory.bus;

/**
 * {@code auth.apikey.verify}: whose key has this SHA-256 ({@code keyHash}, hex)? The presented
 * key stays on the HTTP node that was shown it. {@link #toString()} never shows the hash.
 */
public record VerifyApiKeyRequest(String keyHash) implements BusMessage {
  @Override
  public String toString() {
    return "VerifyApiKeyRequest[]";
  }
}
