package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@code auth.apikey.verify}: whose key has this SHA-256 ({@code keyHash}, hex)? The presented
 * key stays on the HTTP node that was shown it. {@link #toString()} never shows the hash.
 */
public record VerifyApiKeyRequest(String keyHash) implements BusMessage {

  public static VerifyApiKeyRequest fromJson(JsonObject json) {
    return new VerifyApiKeyRequest(json.getString("key_hash"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("key_hash", keyHash);
  }

  @Override
  public String toString() {
    return "VerifyApiKeyRequest[]";
  }
}
