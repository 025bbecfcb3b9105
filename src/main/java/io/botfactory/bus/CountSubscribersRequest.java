package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@code audience.subscribers.count}: how many subscribers of one bot of the caller a broadcast's
 * segment takes now; {@code segment} as the request gave it (null: every active subscriber).
 */
public record CountSubscribersRequest(String clientId, String botId, JsonObject segment) implements BusMessage {
}
