package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/** {@code integration.deliveries.retry}: one delivery of one endpoint of one bot of the caller, ids as given in the URL. */
public record DeliveryRequest(String clientId, String botId, String endpointId, String deliveryId) implements BusMessage {

  public static DeliveryRequest fromJson(JsonObject json) {
    return new DeliveryRequest(json.getString("client_id"), json.getString("bot_id"), json.getString("endpoint_id"),
      json.getString("delivery_id"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("client_id", clientId).put("bot_id", botId).put("endpoint_id", endpointId)
      .put("delivery_id", deliveryId);
  }
}
