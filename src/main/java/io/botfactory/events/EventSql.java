package io.botfactory.events;

/**
 * The outbox's end of every statement that writes the owners' events (the engine's outcomes, a
 * broadcast's end, a cancel): given a CTE of events (bot_id, type, body), the events the enabled
 * endpoints of their bot take, and one delivery per such endpoint, in the same statement (so in
 * the same transaction) as the work that caused them. One body per event type, written here once
 * whichever service causes it.
 */
public final class EventSql {

  /** Now, as the contract's timestamps: UTC, milliseconds, a Z. */
  public static final String NOW_TEXT = utc("clock_timestamp()");

  private EventSql() {
  }

  /** A timestamp expression as the contract writes it: ISO 8601 in UTC, to the millisecond, a Z. */
  public static String utc(String timestamp) {
    return "to_char(" + timestamp + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
  }

  /** Whether an enabled endpoint of bot {@code b} takes events of type {@code t}. */
  public static String listened(String b, String t) {
    return "EXISTS (SELECT 1 FROM endpoints e WHERE e.bot_id = " + b + " AND e.status = 'enabled' AND " + t
      + " = ANY (e.events))";
  }

  /** The body of an event of {@code type} about bot {@code bot}, with {@code data}: SQL expressions, the body as text. */
  public static String body(String type, String bot, String data) {
    return "jsonb_build_object('type', " + type + ", 'timestamp', " + NOW_TEXT + ", 'bot_id', " + bot + ", 'data', "
      + data + ")::text";
  }

  /**
   * CTEs {@code ev} (the events of CTE {@code events} an endpoint takes) and {@code dl} (their
   * deliveries, counted by {@code SELECT count(*) FROM dl}), with no comma after.
   */
  public static String write(String events) {
    return "ev AS (INSERT INTO events (id, bot_id, type, body) SELECT gen_random_uuid(), x.bot_id, x.type, x.body "
      + "  FROM " + events + " x WHERE " + listened("x.bot_id", "x.type") + " RETURNING id, bot_id, type), "
      + "dl AS (INSERT INTO deliveries (id, event_id, endpoint_id) SELECT gen_random_uuid(), ev.id, e.id FROM ev "
      + "  JOIN endpoints e ON e.bot_id = ev.bot_id AND e.status = 'enabled' AND ev.type = ANY (e.events) RETURNING 1) ";
  }

  /**
   * CTE {@code fin}, the broadcast.finished events of the broadcasts of relation {@code ended}
   * (a broadcasts row's columns), then the outbox's {@code ev} and {@code dl} ({@link #write}).
   */
  public static String broadcastFinished(String ended) {
    return "fin AS (SELECT f.bot_id, 'broadcast.finished' AS type, " + body("'broadcast.finished'", "f.bot_id",
      "jsonb_build_object('broadcast', jsonb_build_object('id', f.id, 'status', f.status, "
        + "'started_at', " + utc("f.started_at") + ", 'finished_at', " + utc("f.finished_at") + ", 'counts', jsonb_build_object("
        + "'recipients', f.recipients, 'pending', f.pending, 'sent', f.sent, 'blocked', f.blocked, 'failed', f.failed, "
        + "'uncertain', f.uncertain, 'cancelled', f.cancelled)))") + " AS body FROM " + ended + " f), "
      + write("fin");
  }
}
