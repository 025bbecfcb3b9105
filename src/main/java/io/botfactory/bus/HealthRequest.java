package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/** {@code {}}: is the service there, and does it reach its database? */
public record HealthRequest() implements BusMessage {

  public static HealthRequest fromJson(JsonObject json) {
    return new HealthRequest();
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject();
  }
}
