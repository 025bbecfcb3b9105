package io.botfactory.bus;

import io.vertx.core.json.JsonArray;

/**
 * {@code bots.commands.put}: the whole command set of one bot of the caller, replacing the old
 * one: {@code commands} as the request gave them ({@code [{"command", "description", "reply"}]}),
 * {@code fallback_reply} or null.
 */
public record PutCommandsRequest(String clientId, String botId, JsonArray commands, String fallbackReply)
  implements BusMessage {
}
