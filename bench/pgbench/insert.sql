-- The floor of POST /bots: BotSql.INSERT, the one statement that route sends, with values the
-- size of the service's: a new id, the benchmark client's id, a 25-character name, the
-- description bench/wrk/post_bots.lua sends, a new 19-digit Telegram bot id, an 83-byte
-- ciphertext (12-byte nonce + 55-byte token + 16-byte tag, as AES-GCM gives for a 19-digit
-- id and a 35-character secret), the key id, the last 4 characters, the username getMe gave and
-- "checked". The statement also creates the bot's webhook state (table webhooks), as the service's does,
-- and first looks for an unproven bot of another client holding the Telegram bot id (none here).
-- BenchSqlTest checks that the statement after "PREPARE bot_insert AS" is BotSql.INSERT.
--
-- PREPARE + EXECUTE under pgbench -M simple, for the reasons given in list.sql, and one more:
-- pgbench cannot make a uuid on the client side, so the id is gen_random_uuid(), evaluated by
-- the server as an argument of EXECUTE (the service makes it in Java): a microsecond or so.
--
-- Unique Telegram bot ids: 2 | seed (10 digits) | pgbench client (2 digits) | counter (6 digits),
-- computed into id_base by floor.sh; client_id is pgbench's own per-connection number, and n
-- counts each connection's transactions (pgbench keeps a client's variables across them).
-- Variables, set by floor.sh with -D: prepared (0), n (0), id_base, bench_client (a client uuid).
\if :prepared = 0
PREPARE bot_insert AS
WITH gone AS (UPDATE bots SET displaced_at = date_trunc('milliseconds', clock_timestamp()), version = version + 1
  WHERE telegram_bot_id = $5 AND displaced_at IS NULL AND NOT token_checked
  AND client_id <> $2 AND $10 RETURNING id),
b AS (INSERT INTO bots (id, client_id, name, description, telegram_bot_id, token_ciphertext, token_key_id,
  token_last4, telegram_username, token_checked, created_at, updated_at)
  SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, date_trunc('milliseconds', now()),
  date_trunc('milliseconds', now()) WHERE (SELECT count(*) FROM gone) >= 0
  RETURNING id, client_id, name, description, telegram_bot_id, token_last4, is_active, telegram_username, displaced_at,
  created_at, updated_at),
w AS (INSERT INTO webhooks AS w (telegram_bot_id, bot_id) SELECT telegram_bot_id, id FROM b
  ON CONFLICT (telegram_bot_id) DO UPDATE SET bot_id = EXCLUDED.bot_id, deleted = false,
  token_ciphertext = NULL, token_key_id = NULL, generation = w.generation + 1, status = 'pending', last_error = NULL,
  last_error_at = NULL, attempts = 0, due_at = clock_timestamp()
  RETURNING telegram_bot_id, bot_id, status, last_error, last_error_at)
SELECT b.id, b.client_id, b.name, b.description, b.telegram_bot_id, b.token_last4, b.is_active, b.telegram_username,
  b.displaced_at, b.created_at, b.updated_at,
  CASE WHEN NOT b.is_active THEN 'disabled' ELSE COALESCE(w.status, 'pending') END AS webhook_status,
  w.last_error AS webhook_last_error, w.last_error_at AS webhook_last_error_at,
  (b.displaced_at IS NOT NULL AND w.bot_id IS NULL) AS displaced
FROM b JOIN w ON w.telegram_bot_id = b.telegram_bot_id;
\set prepared 1
\endif
\set n :n + 1
\set telegram_id :id_base + :client_id * 1000000 + :n
EXECUTE bot_insert(gen_random_uuid(), ':bench_client', 'bench :telegram_id', 'created by bench/run.sh', :telegram_id, '\x5f1b0811c5aac18eb3a2fc015c619f4f260ca6c99fb0111aafbe6240d9563969764bb3461c6d6f1b7d7f667fe494e5ac131db4efebe53250a382fd0c866e92817d240135054cfcb37d8894234e1a0f69c96ae2', 'k1', 'AbCd', 'bench_bot', true);
