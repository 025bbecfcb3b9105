package io.botfactory.deliveries;

/**
 * The delivery workers' statements: claiming due deliveries under a lease (any number of workers
 * on any number of nodes, each row to one of them), and recording each attempt with what it
 * means for its endpoint. The outbox rows themselves are written by what causes the events.
 */
final class DeliverySql {

  /**
   * $1 worker, $2 at most this many, $3 at most this many per endpoint in flight at this worker,
   * $4 the due rows looked at, $5 the endpoints this worker is delivering to now and $6 how many
   * to each (those at the limit are skipped: their due rows do not fill the look), $7 the lease
   * (ms). Takes the oldest due deliveries, none another worker holds, and holds them: until the
   * lease runs out they are not due (a worker that dies leaves them due again then). Answers each
   * with its event's body and its endpoint's URL, status and sealed secrets (the previous one only
   * while it still signs).
   */
  static final String CLAIM =
    "WITH busy AS (SELECT * FROM unnest($5::uuid[], $6::int[]) AS t(endpoint_id, n)), "
      + "cand AS (SELECT d.id, d.endpoint_id, d.next_attempt_at FROM deliveries d "
      + "  WHERE d.status = 'pending' AND d.next_attempt_at <= clock_timestamp() "
      + "  AND NOT d.endpoint_id = ANY (ARRAY(SELECT endpoint_id FROM busy WHERE n >= $3)) "
      + "  ORDER BY d.next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED), "
      + "ranked AS (SELECT cand.id, cand.next_attempt_at, row_number() OVER (PARTITION BY cand.endpoint_id "
      + "  ORDER BY cand.next_attempt_at, cand.id) + COALESCE(busy.n, 0) AS nth FROM cand "
      + "  LEFT JOIN busy ON busy.endpoint_id = cand.endpoint_id), "
      + "pick AS (SELECT id FROM ranked WHERE nth <= $3 ORDER BY next_attempt_at LIMIT $2), "
      + "u AS (UPDATE deliveries d SET lease_owner = $1, lease_until = clock_timestamp() + $7 * interval '1 millisecond', "
      + "  next_attempt_at = clock_timestamp() + $7 * interval '1 millisecond' FROM pick WHERE d.id = pick.id "
      + "  RETURNING d.id, d.event_id, d.endpoint_id, d.attempts, d.created_at) "
      + "SELECT u.id, u.event_id, u.endpoint_id, u.attempts, u.created_at, ev.body, e.url, e.status, e.secret_ciphertext, "
      + "  e.secret_key_id, CASE WHEN e.previous_until > clock_timestamp() THEN e.previous_ciphertext END AS previous_ciphertext, "
      + "  e.previous_key_id FROM u JOIN events ev ON ev.id = u.event_id JOIN endpoints e ON e.id = u.endpoint_id";

  /**
   * $1 worker; one element per attempt: $2 deliveries, $3 delivered, $4 status codes (null: none),
   * $5 errors, $6 the wait before the next attempt in ms (null: none left, failed), $7 whether the
   * endpoint was tried (false: it was disabled); $8 how long an endpoint may fail before it is
   * disabled (ms). Records attempts of deliveries this worker still holds. An endpoint that took
   * one clears its failing_since; one that failed every attempt since failing_since began sets it,
   * and, failing for longer than $8, is disabled with its reason (its pending deliveries then end
   * failed as they come due). Answers how many attempts were recorded and endpoints disabled.
   */
  static final String RECORD =
    "WITH t AS (SELECT * FROM unnest($2::uuid[], $3::boolean[], $4::int[], $5::text[], $6::bigint[], $7::boolean[]) "
      + "  AS t(id, ok, code, error, retry_ms, tried)), "
      + "r AS (UPDATE deliveries d SET attempts = d.attempts + 1, last_status_code = t.code, last_error = t.error, "
      + "  status = CASE WHEN t.ok THEN 'delivered' WHEN t.retry_ms IS NULL THEN 'failed' ELSE 'pending' END, "
      + "  delivered_at = CASE WHEN t.ok THEN date_trunc('milliseconds', clock_timestamp()) ELSE d.delivered_at END, "
      + "  next_attempt_at = CASE WHEN t.ok OR t.retry_ms IS NULL THEN d.next_attempt_at "
      + "    ELSE clock_timestamp() + t.retry_ms * interval '1 millisecond' END, lease_owner = NULL, lease_until = NULL "
      + "  FROM t WHERE d.id = t.id AND d.lease_owner = $1 AND d.status = 'pending' "
      + "  RETURNING d.endpoint_id, t.ok, t.tried), "
      + "ep AS (SELECT endpoint_id, bool_or(ok) AS ok FROM r WHERE tried GROUP BY endpoint_id), "
      + "e AS (UPDATE endpoints p SET failing_since = CASE WHEN ep.ok THEN NULL ELSE COALESCE(p.failing_since, clock_timestamp()) END, "
      + "  status = CASE WHEN NOT ep.ok AND p.failing_since < clock_timestamp() - $8 * interval '1 millisecond' "
      + "    THEN 'disabled' ELSE p.status END, "
      + "  disabled_reason = CASE WHEN NOT ep.ok AND p.status = 'enabled' "
      + "    AND p.failing_since < clock_timestamp() - $8 * interval '1 millisecond' "
      + "    THEN 'Every delivery failed for 5 days' ELSE p.disabled_reason END "
      + "  FROM ep WHERE p.id = ep.endpoint_id AND CASE WHEN ep.ok THEN p.failing_since IS NOT NULL "
      + "    ELSE p.failing_since IS NULL OR (p.status = 'enabled' "
      + "    AND p.failing_since < clock_timestamp() - $8 * interval '1 millisecond') END "
      + "  RETURNING p.status) "
      + "SELECT (SELECT count(*) FROM r) AS recorded, (SELECT count(*) FROM e WHERE status = 'disabled') AS disabled";

  private DeliverySql() {
  }
}
