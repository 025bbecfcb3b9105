package io.botfactory.inbox;

/**
 * The statement that stores delivered updates: the one the webhook route waits for before it
 * answers Telegram 200. One round trip for a batch of updates (of any bots): it reads whether
 * each bot exists and is active, stores the updates of active bots, and says, for each update
 * in the order given, what came of it and where to send it on.
 */
final class InboxSql {

  /**
   * $1 bots, $2 update_ids, $3 chat ids (0: none), $4 kinds (the updates' types), $5 the
   * updates' JSON texts, $6 what handling needs of each (IncomingUpdate's JSON); arrays of one length, one element per update. One row per update, in
   * the order given: {@code active} null: no such bot; false (inactive, or it gave its Telegram bot
   * id up to a proven registration): stored nowhere; {@code stored}
   * false with an active bot: a duplicate (stored before, or earlier in the same batch).
   * {@code version}: the bot's version, {@code received_at} the update's, in epoch
   * milliseconds; {@code holder}: the engine node holding the bot under a live lease, if any.
   */
  static final String STORE =
    "WITH input AS (SELECT t.*, row_number() OVER (PARTITION BY t.bot_id, t.update_id ORDER BY t.ord) AS nth "
      + "  FROM unnest($1::uuid[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[]) "
      + "  WITH ORDINALITY AS t(bot_id, update_id, chat_id, kind, payload, meta, ord)), "
      + "bot AS (SELECT b.id, b.is_active AND b.displaced_at IS NULL AS is_active, b.version FROM bots b "
      + "  WHERE b.id IN (SELECT bot_id FROM input)), "
      + "ins AS (INSERT INTO updates (bot_id, update_id, chat_id, kind, payload, meta) "
      + "  SELECT i.bot_id, i.update_id, i.chat_id, i.kind, i.payload, i.meta FROM input i JOIN bot ON bot.id = i.bot_id "
      + "  WHERE bot.is_active AND i.nth = 1 "
      + "  ON CONFLICT (bot_id, update_id) DO NOTHING RETURNING bot_id, update_id, received_at) "
      + "SELECT bot.is_active AS active, (ins.update_id IS NOT NULL AND i.nth = 1) AS stored, bot.version, "
      + "  (extract(epoch FROM ins.received_at) * 1000)::bigint AS received_at, n.node_id AS holder "
      + "FROM input i LEFT JOIN bot ON bot.id = i.bot_id "
      + "LEFT JOIN ins ON ins.bot_id = i.bot_id AND ins.update_id = i.update_id "
      + "LEFT JOIN bot_workers w ON w.bot_id = i.bot_id "
      + "LEFT JOIN engine_nodes n ON n.node_id = w.node_id AND n.lease_until > clock_timestamp() "
      + "ORDER BY i.ord";

  private InboxSql() {
  }
}
