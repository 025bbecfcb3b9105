package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@code auth.apikeys.create}: a new key of the caller's, named {@code name} (validated and
 * trimmed by the router), known to the service by its SHA-256 alone ({@code keyHash}, hex): the
 * HTTP node made the key and shows it once. {@link #toString()} never shows the hash.
 */
public record CreateApiKeyRequest(String clientId, String name, String keyHash) implements BusMessage {

  public static CreateApiKeyRequest fromJson(JsonObject json) {
    return new CreateApiKeyRequest(json.getString("client_id"), json.getString("name"), json.getString("key_hash"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("name", name).put("key_hash", keyHash);
  }

  @Override
  public String toString() {
    return "CreateApiKeyRequest[clientId=" + clientId + ", name=" + name + "]";
  }
}
