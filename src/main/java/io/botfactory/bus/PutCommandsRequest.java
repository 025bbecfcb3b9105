package io.botfactory.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * {@code bots.commands.put}: the whole command set of one bot of the caller, replacing the old
 * one: {@code commands} as the request gave them ({@code [{"command", "description", "reply"}]}),
 * {@code fallback_reply} or null.
 */
public record PutCommandsRequest(String clientId, String botId, JsonArray commands, String fallbackReply)
  implements BusMessage {

  public static PutCommandsRequest fromJson(JsonObject json) {
    return new PutCommandsRequest(json.getString("client_id"), json.getString("bot_id"), json.getJsonArray("commands"),
      json.getString("fallback_reply"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId).put("commands", commands)
      .put("fallback_reply", fallbackReply);
  }
}
