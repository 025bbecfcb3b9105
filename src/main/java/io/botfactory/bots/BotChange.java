package io.botfactory.bots;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/**
 * A committed change of a bot: the Bot as it now is (or was, deleted), its new version, and the
 * engine node holding it under a live lease (null: none), with how long that lease lasts yet.
 */
record BotChange(JsonObject bot, long version, String holder, long holderLeaseMs) {

  /** From a row of {@link BotSql#UPDATE} or {@link BotSql#DELETE}; a deleted bot's version is the last there is. */
  static BotChange of(Row row, boolean deleted) {
    Long lease = row.getLong("holder_lease_ms");
    return new BotChange(BotJson.object(row), deleted ? Long.MAX_VALUE : row.getLong("version"), row.getString("holder"),
      lease == null ? 0 : Math.max(0, lease));
  }
}
