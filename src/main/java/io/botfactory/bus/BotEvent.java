package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The body published on {@link Addresses#BOTS_EVENTS}: {@code {"type", "bot", "occurred_at"}},
 * with the public Bot only, never its token.
 */
public final class BotEvent {

  public static final String CREATED = "bot.created";
  public static final String UPDATED = "bot.updated";
  public static final String DELETED = "bot.deleted";

  private BotEvent() {
  }

  public static JsonObject of(String type, JsonObject bot) {
    return new JsonObject()
      .put("type", type)
      .put("bot", bot)
      .put("occurred_at", Timestamps.format(OffsetDateTime.now(ZoneOffset.UTC)));
  }
}
