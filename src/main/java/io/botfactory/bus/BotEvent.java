package io.botfactory.bus;

import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The body published on {@link Addresses#BOTS_EVENTS} after a committed change:
 * {@code {"type", "bot", "occurred_at"}}, with the public Bot only, never its token.
 */
public record BotEvent(String type, JsonObject bot, String occurredAt) implements BusMessage {

  public static final String CREATED = "bot.created";
  public static final String UPDATED = "bot.updated";
  public static final String DELETED = "bot.deleted";

  /** An event of {@code type} about {@code bot}, occurring now. */
  public static BotEvent of(String type, JsonObject bot) {
    return new BotEvent(type, bot, Timestamps.format(OffsetDateTime.now(ZoneOffset.UTC)));
  }
}
