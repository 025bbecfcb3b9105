package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

/**
 * {@code telegram.updates.nudge}: "{@code botId} has updates to handle", sent (to one update
 * worker) once an update is committed. Only a wake-up call: the inbox in PostgreSQL is the
 * truth, and the workers' sweep finds anything a lost nudge would have announced.
 */
public record UpdateNudge(String botId) implements BusMessage {

  public static UpdateNudge fromJson(JsonObject json) {
    return new UpdateNudge(json.getString("bot_id"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("bot_id", botId);
  }
}
