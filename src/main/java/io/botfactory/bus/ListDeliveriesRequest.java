package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@code integration.deliveries.list}: a page of one endpoint's delivery log, newest first, after
 * the delivery {@code after}, only those in {@code status} when it is not null.
 */
public record ListDeliveriesRequest(String clientId, String botId, String endpointId, String status, int limit,
                                    String after) implements BusMessage {

  public static ListDeliveriesRequest fromJson(JsonObject json) {
    return new ListDeliveriesRequest(json.getString("client_id"), json.getString("bot_id"), json.getString("endpoint_id"),
      json.getString("status"), json.getInteger("limit", 100), json.getString("after"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId).put("endpoint_id", endpointId)
      .put("status", status).put("limit", limit).put("after", after);
  }
}
