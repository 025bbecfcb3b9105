package io.botfactory.audience;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;

/**
 * A bot's figures for its owner: its daily counters ({@code bot_daily_stats}, kept by the update
 * engine as the work happens) over the last days, every UTC day present, and its subscribers
 * counted by status, by source and by tag, in one round trip.
 */
final class StatsStore {

  /** The counters of a day, in the contract's order. */
  private static final String DAY =
    "json_build_object('date', to_char(g.day, 'YYYY-MM-DD'), 'updates', COALESCE(d.updates, 0), "
      + "'replies', COALESCE(d.replies, 0), 'messages_sent', COALESCE(d.messages_sent, 0), "
      + "'new_subscribers', COALESCE(d.new_subscribers, 0), 'blocked', COALESCE(d.blocked, 0), "
      + "'unsubscribed', COALESCE(d.unsubscribed, 0))";

  /**
   * $1 client, $2 bot, $3 days (1-365). {@code found} null: not this client's bot. The days end
   * with today (UTC), oldest first, a day without a row all zeros; by_source and by_tag count every
   * subscriber, whatever its status (who came by which link, who carries which tag).
   */
  static final String STATS =
    "WITH c AS (SELECT id FROM clients WHERE id = $1), "
      + "b AS (SELECT id FROM bots WHERE id = $2 AND client_id = $1), "
      + "today AS (SELECT (now() AT TIME ZONE 'UTC')::date AS day) "
      + "SELECT c.id AS owner, b.id AS found, "
      + "(SELECT json_agg(" + DAY + " ORDER BY g.day) "
      + "  FROM (SELECT generate_series(today.day - ($3::int - 1), today.day, interval '1 day')::date AS day FROM today) g "
      + "  LEFT JOIN bot_daily_stats d ON d.bot_id = b.id AND d.day = g.day) AS days, "
      + "(SELECT json_build_object('subscribers', count(*), 'active', count(*) FILTER (WHERE status = 'active'), "
      + "  'blocked', count(*) FILTER (WHERE status = 'blocked'), 'unsubscribed', count(*) FILTER (WHERE status = 'unsubscribed')) "
      + "  FROM subscribers WHERE bot_id = b.id) AS totals, "
      + "(SELECT COALESCE(json_object_agg(source, n ORDER BY source), '{}') "
      + "  FROM (SELECT source, count(*) AS n FROM subscribers WHERE bot_id = b.id AND source IS NOT NULL GROUP BY source) x) "
      + "  AS by_source, "
      + "(SELECT COALESCE(json_object_agg(tag, n ORDER BY tag), '{}') "
      + "  FROM (SELECT t AS tag, count(*) AS n FROM subscribers, unnest(tags) AS t WHERE bot_id = b.id GROUP BY t) y) "
      + "  AS by_tag "
      + "FROM c LEFT JOIN b ON true";

  private final Pool pool;

  StatsStore(Pool pool) {
    this.pool = pool;
  }

  Future<JsonObject> stats(UUID client, UUID bot, int days) {
    return pool.preparedQuery(STATS).execute(Tuple.of(client, bot, days)).map(rows -> {
      Row row = OwnedRows.row(rows);
      return new JsonObject()
        .put("days", (JsonArray) row.getJson("days"))
        .put("totals", (JsonObject) row.getJson("totals"))
        .put("by_source", (JsonObject) row.getJson("by_source"))
        .put("by_tag", (JsonObject) row.getJson("by_tag"));
    });
  }
}
