package io.botfactory.integration;

/**
 * The statements of the messages the owner queues through the API ({@code POST
 * /bots/{id}/messages}); the update engine's node holding the bot sends them. Each checks the
 * client ({@code owner}) and its bot ({@code found}) in the same round trip.
 */
final class MessageSql {

  /** A Message's columns, qualified by {@code m}. */
  static final String COLUMNS = "m.id, m.chat_id, m.status, m.created_at, m.sent_at, m.error";

  /**
   * $1 client, $2 bot, $3 new id, $4 chat, $5 text, $6 silent, $7 idempotency key or null, $8 the
   * request's hash (what the key must come with again). The message is queued only to a chat that
   * has written to the bot ({@code chat_known}) and, with a key, only when the key is new to the
   * bot or its first use is over 24 hours old: the key's primary key decides between concurrent
   * requests, which wait for each other. Otherwise {@code prior_*} is the key's first message, as
   * the statement's snapshot shows it ({@code key_taken} true but no prior: taken by a request
   * that committed after that snapshot, so the caller asks again). {@code holder}: the engine
   * node holding the bot under a live lease, if any.
   */
  static final String SEND =
    "WITH c AS (SELECT id FROM clients WHERE id = $1), "
      + "b AS (SELECT id FROM bots WHERE id = $2 AND client_id = $1), "
      + "ch AS (SELECT true AS known FROM chats WHERE bot_id = (SELECT id FROM b) AND chat_id = $4), "
      + "k AS (INSERT INTO message_keys AS mk (bot_id, key, message_id, request_hash) "
      + "  SELECT b.id, $7, $3, $8 FROM b WHERE $7::text IS NOT NULL AND EXISTS (SELECT 1 FROM ch) "
      + "  ON CONFLICT (bot_id, key) DO UPDATE SET message_id = EXCLUDED.message_id, request_hash = EXCLUDED.request_hash, "
      + "  created_at = clock_timestamp() WHERE mk.created_at < clock_timestamp() - interval '24 hours' "
      + "  RETURNING mk.message_id), "
      + "m AS (INSERT INTO messages (id, bot_id, chat_id, text, silent) SELECT $3, b.id, $4, $5, $6 FROM b "
      + "  WHERE EXISTS (SELECT 1 FROM ch) AND ($7::text IS NULL OR EXISTS (SELECT 1 FROM k)) RETURNING *), "
      + "p AS (SELECT mk.request_hash, " + COLUMNS + " FROM message_keys mk JOIN messages m ON m.id = mk.message_id "
      + "  WHERE mk.bot_id = (SELECT id FROM b) AND mk.key = $7 AND NOT EXISTS (SELECT 1 FROM k)) "
      + "SELECT c.id AS owner, b.id AS found, COALESCE(ch.known, false) AS chat_known, "
      + "  ($7::text IS NOT NULL AND EXISTS (SELECT 1 FROM ch) AND NOT EXISTS (SELECT 1 FROM k)) AS key_taken, "
      + "  m.id, m.chat_id, m.status, m.created_at, m.sent_at, m.error, "
      + "  p.request_hash AS prior_hash, p.id AS prior_id, p.chat_id AS prior_chat_id, p.status AS prior_status, "
      + "  p.created_at AS prior_created_at, p.sent_at AS prior_sent_at, p.error AS prior_error, "
      + "  (SELECT n.node_id FROM bot_workers w JOIN engine_nodes n ON n.node_id = w.node_id "
      + "    AND n.lease_until > clock_timestamp() WHERE w.bot_id = b.id) AS holder "
      + "FROM c LEFT JOIN b ON true LEFT JOIN ch ON true LEFT JOIN m ON true LEFT JOIN p ON true";

  /** $1 client, $2 bot, $3 message. {@code known} null: not a message of this bot. */
  static final String GET =
    "SELECT c.id AS owner, b.id AS found, m.id AS known, " + COLUMNS + " FROM clients c "
      + "LEFT JOIN bots b ON b.id = $2 AND b.client_id = c.id "
      + "LEFT JOIN messages m ON m.id = $3 AND m.bot_id = b.id "
      + "WHERE c.id = $1";

  private MessageSql() {
  }
}
