package io.botfactory.bus;

import io.vertx.core.json.JsonArray;

/**
 * {@code audience.subscribers.tags.change}: adds the tags {@code add} to, and takes the tags
 * {@code remove} from, the subscribers {@code chatIds} (chat ids) of one bot of the caller.
 */
public record ChangeTagsRequest(String clientId, String botId, JsonArray chatIds, JsonArray add, JsonArray remove)
  implements BusMessage {
}
