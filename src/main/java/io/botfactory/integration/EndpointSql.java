package io.botfactory.integration;

/**
 * Every statement the endpoint store runs. Each that names a client checks it ({@code owner}: no
 * row at all, the client is gone) and its bot ({@code found} null: not this client's bot) in the
 * same round trip; {@code known} null: no endpoint of this bot has that id. The delivery workers
 * read the sealed secrets; this store writes them.
 */
final class EndpointSql {

  /** An Endpoint's columns, qualified by {@code e}. */
  static final String COLUMNS = "e.id, e.url, e.events, e.description, e.status, e.disabled_reason, e.created_at";

  private static final String U_COLUMNS = COLUMNS.replace("e.", "u.");

  private static final String CLIENT_AND_BOT =
    "WITH c AS (SELECT id FROM clients WHERE id = $1), "
      + "b AS (SELECT id FROM bots WHERE id = $2 AND client_id = $1), ";

  /**
   * $1 client, $2 bot: the first statement of a create, in its transaction. Locks the bot's row
   * (against other creates: never against the update path, which only reads it), so that the
   * second statement counts the bot's endpoints with every earlier create committed.
   */
  static final String LOCK_BOT =
    "SELECT c.id AS owner, b.id AS found FROM clients c "
      + "LEFT JOIN LATERAL (SELECT id FROM bots WHERE id = $2 AND client_id = c.id FOR NO KEY UPDATE) b ON true "
      + "WHERE c.id = $1";

  /**
   * $1 new id, $2 bot (locked by {@link #LOCK_BOT}), $3 url, $4 events, $5 description, $6 the
   * sealed secret, $7 the key it is sealed with, $8 the most endpoints a bot has. No {@code id}:
   * the bot has that many already.
   */
  static final String INSERT =
    "WITH n AS (SELECT count(*) AS n FROM endpoints WHERE bot_id = $2), "
      + "u AS (INSERT INTO endpoints (id, bot_id, url, events, description, secret_ciphertext, secret_key_id) "
      + "  SELECT $1, $2, $3, $4, $5, $6, $7 FROM n WHERE n.n < $8 RETURNING *) "
      + "SELECT " + U_COLUMNS + " FROM n LEFT JOIN u ON true";

  /** $1 client, $2 bot. Every endpoint of the bot, oldest first (no {@code id}: none). */
  static final String LIST =
    "SELECT c.id AS owner, b.id AS found, " + COLUMNS + " FROM clients c "
      + "LEFT JOIN bots b ON b.id = $2 AND b.client_id = c.id "
      + "LEFT JOIN endpoints e ON e.bot_id = b.id "
      + "WHERE c.id = $1 ORDER BY e.created_at, e.id";

  /** $1 client, $2 bot, $3 endpoint. */
  static final String GET =
    "SELECT c.id AS owner, b.id AS found, e.id AS known, " + COLUMNS + " FROM clients c "
      + "LEFT JOIN bots b ON b.id = $2 AND b.client_id = c.id "
      + "LEFT JOIN endpoints e ON e.id = $3 AND e.bot_id = b.id "
      + "WHERE c.id = $1";

  /**
   * $1 client, $2 bot, $3 endpoint; null keeps a column: $4 url, $5 events, $6 whether the
   * description is given, $7 the description, $8 status. Enabling an endpoint clears why it was
   * disabled and since when it was failing (its deliveries get five days again); disabling it
   * says the owner did.
   */
  static final String UPDATE =
    CLIENT_AND_BOT
      + "u AS (UPDATE endpoints e SET url = COALESCE($4, e.url), events = COALESCE($5, e.events), "
      + "  description = CASE WHEN $6 THEN $7 ELSE e.description END, status = COALESCE($8, e.status), "
      + "  disabled_reason = CASE WHEN $8 = 'enabled' THEN NULL WHEN $8 = 'disabled' AND e.status = 'enabled' "
      + "    THEN 'Disabled by its owner' ELSE e.disabled_reason END, "
      + "  failing_since = CASE WHEN $8 = 'enabled' THEN NULL ELSE e.failing_since END "
      + "  FROM b WHERE e.id = $3 AND e.bot_id = b.id RETURNING e.*) "
      + "SELECT c.id AS owner, b.id AS found, u.id AS known, " + U_COLUMNS + " FROM c LEFT JOIN b ON true LEFT JOIN u ON true";

  /** $1 client, $2 bot, $3 endpoint. Its deliveries and their log go with it. */
  static final String DELETE =
    CLIENT_AND_BOT
      + "u AS (DELETE FROM endpoints e USING b WHERE e.id = $3 AND e.bot_id = b.id RETURNING e.id) "
      + "SELECT c.id AS owner, b.id AS found, u.id AS known FROM c LEFT JOIN b ON true LEFT JOIN u ON true";

  /**
   * $1 client, $2 bot, $3 endpoint, $4 the new sealed secret, $5 its key, $6 how long the
   * replaced secret still signs (seconds). A secret replaced within that time by another rotation
   * stops signing: two at most.
   */
  static final String ROTATE =
    CLIENT_AND_BOT
      + "u AS (UPDATE endpoints e SET previous_ciphertext = e.secret_ciphertext, previous_key_id = e.secret_key_id, "
      + "  previous_until = clock_timestamp() + $6 * interval '1 second', secret_ciphertext = $4, secret_key_id = $5 "
      + "  FROM b WHERE e.id = $3 AND e.bot_id = b.id RETURNING e.*) "
      + "SELECT c.id AS owner, b.id AS found, u.id AS known, " + U_COLUMNS + " FROM c LEFT JOIN b ON true LEFT JOIN u ON true";

  private EndpointSql() {
  }
}
