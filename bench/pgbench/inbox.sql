-- The floor of the update ingress (POST /telegram/webhook/{bot_id}): InboxSql.STORE, the one
-- statement that storing an update sends before the service answers Telegram 200, with values
-- the size of the service's: an active bot of the benchmark's fleet, a new update_id, a chat of
-- the bot, the update's kind and a Telegram-shaped update of about 1 KB as its JSON text.
-- Every transaction is one durable commit (synchronous_commit on, fsync on), as the service's.
-- BenchSqlTest (in io.botfactory.updates) checks that the statement after
-- "PREPARE inbox_store AS" is InboxSql.STORE and that EXECUTE gives each of its parameters.
--
-- PREPARE + EXECUTE under pgbench -M simple, as list.sql explains. Each connection stores
-- updates for its own bot of the fleet (the client's bots in id order, the connection's
-- number-th), chosen once with \gset; the service spreads them over all 1,000 bots.
-- update_ids: id_base + connection * 10^8 + n, new at every pgbench start (floor.sh).
-- Variables, set by floor.sh with -D: prepared (0), n (0), id_base, bench_client (the fleet's
-- client uuid), payload (the update's JSON text, without single quotes).
\if :prepared = 0
SELECT id AS bot FROM bots WHERE client_id = ':bench_client' ORDER BY id OFFSET :client_id LIMIT 1
\gset
PREPARE inbox_store AS
WITH b AS (SELECT is_active AND displaced_at IS NULL AS is_active FROM bots WHERE id = $1),
ins AS (INSERT INTO updates (bot_id, update_id, chat_id, kind, payload)
  SELECT $1, $2, $3, $4, $5 FROM b WHERE b.is_active
  ON CONFLICT (bot_id, update_id) DO NOTHING RETURNING 1)
SELECT (SELECT is_active FROM b) AS active, (SELECT count(*) FROM ins) AS stored;
\set prepared 1
\endif
\set n :n + 1
\set update_id :id_base + :client_id * 100000000 + :n
\set chat 6000000000 + random(0, 99)
EXECUTE inbox_store(':bot', :update_id, :chat, 'message', ':payload');
