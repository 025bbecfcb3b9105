-- The floor of the update ingress (POST /telegram/webhook/{bot_id}): InboxSql.STORE, the one
-- statement that storing updates sends before the service answers Telegram 200, here with one
-- update per statement (the service puts the updates that arrive together in one), with values
-- the size of the service's: an active bot of the benchmark's fleet, a new update_id, a chat of
-- the bot, the update's kind, a Telegram-shaped update of about 1 KB as its JSON text, and what
-- handling needs of it.
-- Every transaction is one durable commit (synchronous_commit on, fsync on), as the service's.
-- BenchSqlTest (in io.botfactory.inbox) checks that the statement after
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
WITH input AS (SELECT t.*, row_number() OVER (PARTITION BY t.bot_id, t.update_id ORDER BY t.ord) AS nth
  FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[])
  WITH ORDINALITY AS t(bot_id, update_id, chat_id, kind, payload, meta, ord)),
bot AS (SELECT b.id, b.is_active AND b.displaced_at IS NULL AS is_active, b.version FROM bots b WHERE b.id IN (SELECT bot_id FROM input)),
ins AS (INSERT INTO updates (bot_id, update_id, chat_id, kind, payload, meta)
  SELECT i.bot_id, i.update_id, i.chat_id, i.kind, i.payload, i.meta FROM input i JOIN bot ON bot.id = i.bot_id
  WHERE bot.is_active AND i.nth = 1
  ON CONFLICT (bot_id, update_id) DO NOTHING RETURNING bot_id, update_id, received_at)
SELECT bot.is_active AS active, (ins.update_id IS NOT NULL AND i.nth = 1) AS stored, bot.version,
  (extract(epoch FROM ins.received_at) * 1000)::bigint AS received_at, n.node_id AS holder
FROM input i LEFT JOIN bot ON bot.id = i.bot_id
LEFT JOIN ins ON ins.bot_id = i.bot_id AND ins.update_id = i.update_id
LEFT JOIN bot_workers w ON w.bot_id = i.bot_id
LEFT JOIN engine_nodes n ON n.node_id = w.node_id AND n.lease_until > clock_timestamp()
ORDER BY i.ord;
\set prepared 1
\endif
\set n :n + 1
\set update_id :id_base + :client_id * 100000000 + :n
\set chat 6000000000 + random(0, 99)
EXECUTE inbox_store(ARRAY[':bot']::uuid[], ARRAY[:update_id]::bigint[], ARRAY[:chat]::bigint[], ARRAY['message'],
  ARRAY[':payload'], ARRAY['{"update_id":1,"kind":"message","chat_type":"private","text":true}']);
