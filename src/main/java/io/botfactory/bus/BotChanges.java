package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

import java.util.Optional;

/**
 * The fields a {@code PATCH /bots/{id}} changes. A null component is a field the request did
 * not name, which stays as it is; {@code description} is {@code Optional.empty()} to clear the
 * description (the request's {@code "description": null}).
 */
public record BotChanges(String name, Optional<String> description, Boolean isActive, String token) {

  public static BotChanges fromJson(JsonObject json) {
    Optional<String> description = json.containsKey("description")
      ? Optional.ofNullable(json.getString("description")) : null;
    return new BotChanges(json.getString("name"), description, json.getBoolean("is_active"), json.getString("token"));
  }

  /** Only the fields to change: an absent key stays as it is, {@code "description": null} clears. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    if (name != null) {
      json.put("name", name);
    }
    if (description != null) {
      json.put("description", description.orElse(null));
    }
    if (isActive != null) {
      json.put("is_active", isActive);
    }
    if (token != null) {
      json.put("token", token);
    }
    return json;
  }

  @Override
  public String toString() {
    return "BotChanges" + toJson().put("token", token == null ? null : "(new token)").encode();
  }
}
