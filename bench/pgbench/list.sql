-- The floor of GET /bots/me: BotSql.LIST, the one statement that route sends, with the values
-- it sends for a first page: the benchmark client's id, no cursor (SQL NULL), page size 100 + 1.
-- BenchSqlTest checks that the statement after "PREPARE bot_list AS" is BotSql.LIST.
--
-- Why PREPARE + EXECUTE under pgbench -M simple rather than -M prepared: pgbench sends every
-- variable as text and cannot bind SQL NULL (a NULL variable is sent as the string 'NULL',
-- a uuid syntax error), and the extended protocol takes no parameters for a utility statement
-- such as EXECUTE. So each connection PREPAREs the statement once (no declared parameter
-- types: the server infers uuid, uuid, bigint) and every transaction EXECUTEs it with a real
-- NULL: a named server-side prepared statement with its plan cache (custom, then perhaps
-- generic plans), as the service's driver (vertx-pg-client, prepared-statement cache on) uses
-- it. What differs: each EXECUTE travels as a short simple-protocol query that the server
-- parses (the driver sends Bind/Execute), and its arguments are literals that the server
-- converts (the driver sends binary values). Measured on this project's 2-core machine, that
-- wrapper costs about 10 % of a -M prepared run's transactions/s (docs/performance.md), so
-- this floor is a little low, if anything.
--
-- Variables, set by floor.sh with -D: prepared (0), bench_client (a client uuid).
\if :prepared = 0
PREPARE bot_list AS
SELECT c.id AS owner, ($2::uuid IS NULL OR cur.id IS NOT NULL) AS cursor_found, p.*
FROM clients c
LEFT JOIN bots cur ON cur.id = $2 AND cur.client_id = c.id
LEFT JOIN LATERAL (SELECT b.id, b.client_id, b.name, b.description, b.telegram_bot_id, b.token_last4, b.is_active,
  b.telegram_username, b.displaced_at, b.created_at, b.updated_at,
  CASE WHEN NOT b.is_active THEN 'disabled' ELSE COALESCE(w.status, 'pending') END AS webhook_status,
  w.last_error AS webhook_last_error, w.last_error_at AS webhook_last_error_at,
  (b.displaced_at IS NOT NULL AND w.bot_id IS NULL) AS displaced
  FROM bots b LEFT JOIN webhooks w ON w.telegram_bot_id = b.telegram_bot_id AND w.bot_id = b.id
  WHERE b.client_id = c.id AND ($2::uuid IS NULL OR (b.created_at, b.id) > (cur.created_at, cur.id))
  ORDER BY b.created_at, b.id LIMIT $3) p ON true
WHERE c.id = $1
ORDER BY p.created_at, p.id;
\set prepared 1
\endif
EXECUTE bot_list(':bench_client', NULL, 101);
