package io.botfactory.integration;

/**
 * The statements of an endpoint's delivery log as its owner reads it and sends deliveries again.
 * Each checks the client ({@code owner}), its bot ({@code found}) and the bot's endpoint
 * ({@code known}) in the same round trip. A delivery is in flight while a worker's lease on it
 * lasts ({@code lease_until}); the delivery workers write the rest.
 */
final class DeliveryLogSql {

  /** A Delivery's columns, {@code d} the delivery and {@code ev} its event. */
  static final String COLUMNS = "d.id, d.event_id, ev.type, d.status, d.attempts, d.last_status_code, d.last_error, "
    + "d.next_attempt_at, d.delivered_at, d.created_at";

  private static final String OWNED =
    "FROM clients c LEFT JOIN bots b ON b.id = $2 AND b.client_id = c.id "
      + "LEFT JOIN endpoints e ON e.id = $3 AND e.bot_id = b.id ";

  /**
   * $1 client, $2 bot, $3 endpoint, $4 status or null (any), $5 cursor delivery id or null, $6
   * page size + 1. Newest first; {@code cursor_found} false: the cursor is not one of this
   * endpoint's deliveries.
   */
  static final String LIST =
    "SELECT c.id AS owner, b.id AS found, e.id AS known, ($5::uuid IS NULL OR cur.id IS NOT NULL) AS cursor_found, p.* "
      + OWNED
      + "LEFT JOIN deliveries cur ON cur.id = $5 AND cur.endpoint_id = e.id "
      + "LEFT JOIN LATERAL (SELECT " + COLUMNS + " FROM deliveries d JOIN events ev ON ev.id = d.event_id "
      + "  WHERE d.endpoint_id = e.id AND ($4::text IS NULL OR d.status = $4) "
      + "  AND (d.created_at, d.id) < (COALESCE(cur.created_at, 'infinity'), "
      + "  COALESCE(cur.id, 'ffffffff-ffff-ffff-ffff-ffffffffffff')) "
      + "  ORDER BY d.created_at DESC, d.id DESC LIMIT $6) p ON true "
      + "WHERE c.id = $1 ORDER BY p.created_at DESC, p.id DESC";

  /**
   * $1 client, $2 bot, $3 endpoint, $4 delivery. Due now (pending again if it had ended), keeping
   * its attempts: a retry of a delivery whose retries had all been made is one more attempt. One
   * in flight (a worker's lease still running) is left to its worker. {@code enabled} false: the
   * endpoint is disabled, and nothing was changed; {@code id} null: not a delivery of this endpoint.
   */
  static final String RETRY =
    "WITH u AS (UPDATE deliveries d SET status = 'pending', next_attempt_at = clock_timestamp(), "
      + "  lease_owner = NULL, lease_until = NULL "
      + "  FROM endpoints e JOIN bots b ON b.id = e.bot_id AND b.client_id = $1 "
      + "  WHERE d.id = $4 AND d.endpoint_id = $3 AND e.id = $3 AND b.id = $2 AND e.status = 'enabled' "
      + "  AND (d.lease_until IS NULL OR d.lease_until < clock_timestamp()) RETURNING d.*) "
      + "SELECT c.id AS owner, b.id AS found, e.id AS known, e.status = 'enabled' AS enabled, " + COLUMNS + " "
      + OWNED
      + "LEFT JOIN LATERAL (SELECT * FROM u UNION ALL SELECT x.* FROM deliveries x "
      + "  WHERE x.id = $4 AND x.endpoint_id = e.id AND NOT EXISTS (SELECT 1 FROM u)) d ON true "
      + "LEFT JOIN events ev ON ev.id = d.event_id "
      + "WHERE c.id = $1";

  /**
   * $1 client, $2 bot, $3 endpoint, $4 since. Every failed delivery of the endpoint created since
   * then is pending and due now, each for one more attempt (see {@link #RETRY}). {@code replayed}:
   * how many; {@code enabled} false: the endpoint is disabled, and nothing was changed.
   */
  static final String REPLAY =
    "WITH u AS (UPDATE deliveries d SET status = 'pending', next_attempt_at = clock_timestamp() "
      + "  FROM endpoints e JOIN bots b ON b.id = e.bot_id AND b.client_id = $1 "
      + "  WHERE d.endpoint_id = $3 AND e.id = $3 AND b.id = $2 AND e.status = 'enabled' AND d.status = 'failed' "
      + "  AND d.created_at >= $4 RETURNING 1) "
      + "SELECT c.id AS owner, b.id AS found, e.id AS known, e.status = 'enabled' AS enabled, "
      + "(SELECT count(*) FROM u) AS replayed " + OWNED + "WHERE c.id = $1";

  private DeliveryLogSql() {
  }
}
