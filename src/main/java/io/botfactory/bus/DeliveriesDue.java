package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@code deliveries.due}: "{@code count} deliveries to owners' endpoints were just written", sent
 * (no reply) to one delivery worker once the work that caused them committed. Only a wake-up
 * call: the deliveries are in PostgreSQL, and the workers' sweep finds them anyway.
 */
public record DeliveriesDue(long count) implements BusMessage {

  public static DeliveriesDue fromJson(JsonObject json) {
    return new DeliveriesDue(json.getLong("count"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("count", count);
  }
}
