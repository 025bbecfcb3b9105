package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/** {@code bots.create}: a new bot of the caller (client id from its verified token). */
public record CreateBotRequest(String clientId, String name, String description, String token) implements BusMessage {

  public static CreateBotRequest fromJson(JsonObject json) {
    return new CreateBotRequest(json.getString("client_id"), json.getString("name"), json.getString("description"),
      json.getString("token"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("name", name).put("description", description)
      .put("token", token);
  }

  @Override
  public String toString() {
    return "CreateBotRequest[clientId=" + clientId + ", name=" + name + "]";
  }
}
