-- The floor of broadcasting (scenario 1 of the broadcasts in bench/run.sh --only broadcast): what
-- PostgreSQL alone achieves for the two statements each recipient of a broadcast costs the engine,
-- BroadcastSql.MARK (the recipient marked sending, in a durable commit, before its message goes to
-- Telegram) and BroadcastSql.RECORD (its outcome written, with its broadcast's counts and the bot's
-- daily counters, in a commit that does not wait for the disk, as the engine's pool commits),
-- in the batch shapes the engine sends them: each transaction marks :mark_batch recipients in one
-- MARK, and every :marks_per_record-th one also records the outcomes of the last
-- :mark_batch * :marks_per_record in one RECORD. One recipient sent = one MARK row + one RECORD
-- row, so sends/s = transactions/s * :mark_batch.
-- BenchSqlTest (in io.botfactory.engine) checks that the statements after
-- "PREPARE broadcast_mark AS" and "PREPARE broadcast_record AS" are BroadcastSql.MARK and RECORD,
-- and that EXECUTE gives each of their parameters.
--
-- PREPARE + EXECUTE under pgbench -M simple, as list.sql explains. Each connection sends one
-- running broadcast of its own (made by bench/audience.sh, held by the engine node "bench-floor"
-- that does not exist, under epoch 1), whose recipients are the chats 1 .. :recipients; its n-th
-- transaction marks chats (n - 1) * :mark_batch + 1 onwards. The chat ids of a batch come from a
-- function of the session's own (pg_temp), a subquery being refused as an EXECUTE argument.
-- RECORD's commit is made asynchronous as the engine's pool makes it (synchronous_commit off
-- for its sessions): BEGIN, SET LOCAL and COMMIT go in the one round trip (\;).
-- Variables, set by floor.sh with -D: prepared (0), n (0), node (bench-floor), epoch (1),
-- mark_batch, marks_per_record, recipients.
\if :prepared = 0
SELECT id AS bid FROM broadcasts WHERE text = 'bench floor' AND status = 'running' ORDER BY id OFFSET :client_id LIMIT 1
\gset
CREATE FUNCTION pg_temp.bench_chats(first bigint, n int) RETURNS bigint[] LANGUAGE sql IMMUTABLE
  AS 'SELECT array_agg(g ORDER BY g) FROM generate_series(first, first + n - 1) AS g';
PREPARE broadcast_mark AS
UPDATE broadcast_recipients r SET status = 'sending', epoch = t.epoch FROM unnest($2::uuid[], $3::bigint[], $4::bigint[]) AS t(broadcast_id, chat_id, epoch)
  JOIN broadcasts b ON b.id = t.broadcast_id AND b.status = 'running' AND (b.paused_until IS NULL OR b.paused_until <= clock_timestamp())
  JOIN bot_workers w ON w.bot_id = b.bot_id AND w.node_id = $1 AND w.epoch = t.epoch WHERE r.broadcast_id = t.broadcast_id AND r.chat_id = t.chat_id AND r.status = 'pending' RETURNING r.broadcast_id, r.chat_id;
PREPARE broadcast_record AS
WITH t AS (SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::text[], $5::text[]) AS t(broadcast_id, chat_id, epoch, outcome, error)),
r AS (UPDATE broadcast_recipients r SET status = t.outcome, error = t.error, sent_at = CASE WHEN t.outcome = 'sent' THEN date_trunc('milliseconds', clock_timestamp()) END FROM t WHERE r.broadcast_id = t.broadcast_id AND r.chat_id = t.chat_id AND r.status = 'sending' AND r.epoch = t.epoch RETURNING r.broadcast_id, r.chat_id, r.status),
c AS (SELECT broadcast_id, count(*) FILTER (WHERE status = 'sent') AS sent, count(*) FILTER (WHERE status = 'blocked') AS blocked, count(*) FILTER (WHERE status = 'failed') AS failed, count(*) FILTER (WHERE status <> 'pending') AS settled FROM r GROUP BY 1),
b AS (UPDATE broadcasts b SET sent = b.sent + c.sent, blocked = b.blocked + c.blocked, failed = b.failed + c.failed, pending = b.pending - c.settled, status = CASE WHEN b.pending - c.settled = 0 AND b.status = 'running' THEN 'done' ELSE b.status END, finished_at = CASE WHEN b.pending - c.settled = 0 AND b.status = 'running' THEN date_trunc('milliseconds', clock_timestamp()) ELSE b.finished_at END FROM c WHERE b.id = c.broadcast_id RETURNING b.*, c.sent AS just_sent, c.settled),
refused AS (SELECT bb.bot_id, r.chat_id FROM r
  JOIN broadcasts bb ON bb.id = r.broadcast_id WHERE r.status = 'blocked'),
blocks AS (UPDATE subscribers s SET status = 'blocked', status_changed_at = clock_timestamp() FROM refused WHERE s.bot_id = refused.bot_id AND s.chat_id = refused.chat_id AND s.status <> 'blocked' RETURNING s.bot_id),
chats AS (UPDATE chats k SET blocked = true FROM refused WHERE k.bot_id = refused.bot_id AND k.chat_id = refused.chat_id RETURNING 1),
stats AS (INSERT INTO bot_daily_stats AS d (bot_id, day, messages_sent, blocked) SELECT x.bot_id, (clock_timestamp() AT TIME ZONE 'UTC')::date, sum(x.sent), sum(x.blocked) FROM (SELECT bot_id, just_sent AS sent, 0 AS blocked FROM b UNION ALL SELECT bot_id, 0, count(*) FROM blocks GROUP BY 1) x GROUP BY 1 ON CONFLICT (bot_id, day) DO UPDATE SET messages_sent = d.messages_sent + EXCLUDED.messages_sent, blocked = d.blocked + EXCLUDED.blocked RETURNING 1),
ended AS (SELECT * FROM b WHERE status = 'done' AND pending = 0 AND settled > 0),
fin AS (SELECT f.bot_id, 'broadcast.finished' AS type, jsonb_build_object('type', 'broadcast.finished', 'timestamp', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'bot_id', f.bot_id, 'data', jsonb_build_object('broadcast', jsonb_build_object('id', f.id, 'status', f.status, 'started_at', to_char(f.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'finished_at', to_char(f.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'counts', jsonb_build_object('recipients', f.recipients, 'pending', f.pending, 'sent', f.sent, 'blocked', f.blocked, 'failed', f.failed, 'uncertain', f.uncertain, 'cancelled', f.cancelled))))::text AS body FROM ended f),
ev AS (INSERT INTO events (id, bot_id, type, body) SELECT gen_random_uuid(), x.bot_id, x.type, x.body FROM fin x WHERE EXISTS (SELECT 1 FROM endpoints e WHERE e.bot_id = x.bot_id AND e.status = 'enabled' AND x.type = ANY (e.events)) RETURNING id, bot_id, type),
dl AS (INSERT INTO deliveries (id, event_id, endpoint_id) SELECT gen_random_uuid(), ev.id, e.id FROM ev
  JOIN endpoints e ON e.bot_id = ev.bot_id AND e.status = 'enabled' AND ev.type = ANY (e.events) RETURNING 1)
SELECT id, status FROM b;
\set prepared 1
\endif
\set n :n + 1
\set first (:n - 1) * :mark_batch + 1
EXECUTE broadcast_mark(':node', array_fill(':bid'::uuid, ARRAY[:mark_batch]), pg_temp.bench_chats(:first, :mark_batch),
  array_fill(:epoch::bigint, ARRAY[:mark_batch]));
\if :n % :marks_per_record = 0
\set rfirst (:n - :marks_per_record) * :mark_batch + 1
\set rcount :marks_per_record * :mark_batch
BEGIN \; SET LOCAL synchronous_commit = off \; EXECUTE broadcast_record(array_fill(':bid'::uuid, ARRAY[:rcount]),
  pg_temp.bench_chats(:rfirst, :rcount), array_fill(:epoch::bigint, ARRAY[:rcount]), array_fill('sent'::text, ARRAY[:rcount]),
  array_fill(NULL::text, ARRAY[:rcount])) \; COMMIT;
\endif
