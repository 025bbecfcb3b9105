package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@code integration.endpoints.update}: changes to one event endpoint, as the request gave them:
 * any of {@code url}, {@code events}, {@code description} (null clears it), {@code status}.
 */
public record UpdateEndpointRequest(String clientId, String botId, String endpointId, JsonObject changes)
  implements BusMessage {
}
