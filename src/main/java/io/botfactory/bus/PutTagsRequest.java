package io.botfactory.bus;

import io.vertx.core.json.JsonArray;

/** {@code audience.subscribers.tags.put}: replaces the tags of one subscriber of one bot of the caller. */
public record PutTagsRequest(String clientId, String botId, long chatId, JsonArray tags) implements BusMessage {
}
