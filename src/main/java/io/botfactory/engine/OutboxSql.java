package io.botfactory.engine;

/**
 * The outbox's end of every statement that writes events: given a CTE of events (bot_id, type,
 * body), the events the enabled endpoints of their bot take, and one delivery per such endpoint,
 * in the same statement (so in the same transaction) as the work that caused them.
 */
final class OutboxSql {

  /** Now, as the contract's timestamps: UTC, milliseconds, a Z. */
  static final String NOW_TEXT = "to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";

  private OutboxSql() {
  }

  /** Whether an enabled endpoint of bot {@code b} takes events of type {@code t}. */
  static String listened(String b, String t) {
    return "EXISTS (SELECT 1 FROM endpoints e WHERE e.bot_id = " + b + " AND e.status = 'enabled' AND " + t
      + " = ANY (e.events))";
  }

  /** The body of an event of {@code type} about bot {@code bot}, with {@code data}: SQL expressions, the body as text. */
  static String body(String type, String bot, String data) {
    return "jsonb_build_object('type', " + type + ", 'timestamp', " + NOW_TEXT + ", 'bot_id', " + bot + ", 'data', "
      + data + ")::text";
  }

  /**
   * CTEs {@code ev} (the events of CTE {@code events} an endpoint takes) and {@code dl} (their
   * deliveries, counted by {@code SELECT count(*) FROM dl}), with no comma after.
   */
  static String write(String events) {
    return "ev AS (INSERT INTO events (id, bot_id, type, body) SELECT gen_random_uuid(), x.bot_id, x.type, x.body "
      + "  FROM " + events + " x WHERE " + listened("x.bot_id", "x.type") + " RETURNING id, bot_id, type), "
      + "dl AS (INSERT INTO deliveries (id, event_id, endpoint_id) SELECT gen_random_uuid(), ev.id, e.id FROM ev "
      + "  JOIN endpoints e ON e.bot_id = ev.bot_id AND e.status = 'enabled' AND ev.type = ANY (e.events) RETURNING 1) ";
  }
}
