package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@code engine.changes.<node>}: the bot-storage service tells the node holding a bot that the
 * bot changed (deactivated, deleted, a new token or command set) and is now at {@code version};
 * the node answers {@code {}} once nothing decided under an older version can still be sent. The
 * change's HTTP answer waits for that, so that a bot deleted or deactivated sends nothing once
 * its DELETE or PATCH has answered, and a new command set answers every update stored after it.
 */
public record BotChanged(String botId, long version) implements BusMessage {

  public static BotChanged fromJson(JsonObject json) {
    return new BotChanged(json.getString("bot_id"), json.getLong("version"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("bot_id", botId).put("version", version);
  }
}
