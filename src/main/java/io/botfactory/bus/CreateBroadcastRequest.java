package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@code audience.broadcasts.create}: a new broadcast of one bot of the caller: its text, whether
 * it is sent silently, its segment as the request gave it (null: every active subscriber) and
 * when to send it ({@code sendAt} as given, null: now).
 */
public record CreateBroadcastRequest(String clientId, String botId, String text, boolean silent, JsonObject segment,
                                     String sendAt) implements BusMessage {
}
