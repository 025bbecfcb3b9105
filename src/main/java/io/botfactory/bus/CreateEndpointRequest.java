package io.botfactory.bus;

import io.vertx.core.json.JsonArray;

/** {@code integration.endpoints.create}: a new event endpoint of one bot of the caller, as the request gave it. */
public record CreateEndpointRequest(String clientId, String botId, String url, JsonArray events, String description)
  implements BusMessage {
}
