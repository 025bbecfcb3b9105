package io.botfactory.bots;

/**
 * Every statement the bot store runs. Each one answers in a single round trip, and each one
 * also tells whether the calling client still exists (the {@code owner} column: no row at all
 * means the client is gone, which the gate turns into 401), so the gate needs no second query.
 *
 * <p>A Bot row is {@link #bot}: the {@code bots} columns and its webhook state from
 * {@code webhooks} (the webhook workers' table, keyed by Telegram bot id), the row that is the
 * bot's own ({@code w.bot_id = b.id}). The statements that change what Telegram must know (a new
 * bot, a new token, (re)activation, deletion) change {@code webhooks} in the same statement: a new
 * generation to bring to Telegram, due now.
 *
 * <p>A bot whose token was never proven (Telegram's getMe did not confirm it: registered with
 * checking off, or by an earlier version) holds its Telegram bot id only until another account
 * proves a token of that Telegram bot: the proving registration displaces it ({@code displaced_at})
 * and takes its {@code webhooks} row, in one statement. Only bots not displaced are unique by
 * Telegram bot id, so two proving registrations are still settled by the index: one wins.
 */
final class BotSql {

  /** What a change Telegram must hear of does to its {@code webhooks} row {@code w}. */
  private static final String DUE_AGAIN =
    "generation = w.generation + 1, status = 'pending', last_error = NULL, last_error_at = NULL, attempts = 0, "
      + "due_at = clock_timestamp()";

  /** A CTE {@code holder}: the node of CTE {@code held} ({@code node_id}), if its lease is live, and until when. */
  private static final String LIVE_HOLDER =
    "holder AS (SELECT held.node_id, n.lease_until FROM held "
      + "  JOIN engine_nodes n ON n.node_id = held.node_id AND n.lease_until > clock_timestamp())";

  /**
   * A CTE {@code holder}: the engine node holding bot {@code $BOT.id} under a live lease, and
   * until when. The bot's row of {@code bot_workers} is locked (made if missing) first, so a node
   * taking the bot at this moment either is named here, or takes it only once this change has
   * committed, and then reads the bot as changed.
   */
  static final String HOLDER =
    "held AS (INSERT INTO bot_workers AS w (bot_id) SELECT id FROM $BOT "
      + "  ON CONFLICT (bot_id) DO UPDATE SET bot_id = w.bot_id RETURNING w.node_id), " + LIVE_HOLDER;

  /** The holder's columns: its node, and how long its lease lasts yet, in milliseconds. */
  static final String HOLDER_COLUMNS =
    "holder.node_id AS holder, (extract(epoch FROM holder.lease_until - clock_timestamp()) * 1000)::bigint AS holder_lease_ms";

  /** The bots columns a Bot is written from, qualified by {@code b}. */
  private static final String BOT_COLUMNS =
    "b.id, b.client_id, b.name, b.description, b.telegram_bot_id, b.token_last4, b.is_active, b.telegram_username, "
      + "b.displaced_at, b.created_at, b.updated_at";

  /** A condition that holds once {@code gone} has run to its end: what follows sees the Telegram bot id given up. */
  private static final String AFTER_GONE = "(SELECT count(*) FROM gone) >= 0";

  /** The webhook row of a bot taking its Telegram bot id: whoever's it was (a tombstone, a displaced bot), it is this bot's now, due. */
  private static final String TAKES_ROW =
    "ON CONFLICT (telegram_bot_id) DO UPDATE SET bot_id = EXCLUDED.bot_id, deleted = false, "
      + "token_ciphertext = NULL, token_key_id = NULL, " + DUE_AGAIN;

  /** Joins a bot {@code b} to its own webhook row {@code w}: the row of its Telegram bot id, if it is this bot's. */
  static final String OWN_ROW = "w.telegram_bot_id = b.telegram_bot_id AND w.bot_id = b.id";

  /** $1 id, $2 client, $3 name, $4 description, $5 Telegram bot id, $6 token ciphertext, $7 key id, $8 last 4,
   * $9 Telegram username (null when Telegram was not asked), $10 whether Telegram checked the token. A new bot's
   * created_at and updated_at are one instant (their column defaults would read the clock twice). A proven
   * token first displaces an unproven bot of another client. A Telegram bot id whose webhook state is another
   * bot's (a deleted bot's tombstone, a displaced bot's) takes that row over: due again, for the new bot. */
  static final String INSERT =
    "WITH " + displaces("$5", "$2", "$10") + ", "
      + "b AS (INSERT INTO bots (id, client_id, name, description, telegram_bot_id, token_ciphertext, token_key_id, "
      + "  token_last4, telegram_username, token_checked, created_at, updated_at) "
      + "  SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, date_trunc('milliseconds', now()), "
      + "  date_trunc('milliseconds', now()) WHERE " + AFTER_GONE + " "
      + "  RETURNING " + BOT_COLUMNS.replace("b.", "") + "), "
      + "w AS (INSERT INTO webhooks AS w (telegram_bot_id, bot_id) SELECT telegram_bot_id, id FROM b " + TAKES_ROW + " "
      + "  RETURNING telegram_bot_id, bot_id, status, last_error, last_error_at) "
      + "SELECT " + bot("b", "w") + " FROM b JOIN w ON w.telegram_bot_id = b.telegram_bot_id";

  /** $1 client, $2 cursor bot id or null, $3 page size + 1. */
  static final String LIST =
    "SELECT c.id AS owner, ($2::uuid IS NULL OR cur.id IS NOT NULL) AS cursor_found, p.* "
      + "FROM clients c "
      + "LEFT JOIN bots cur ON cur.id = $2 AND cur.client_id = c.id "
      + "LEFT JOIN LATERAL (SELECT " + bot("b", "w") + " FROM bots b "
      + "  LEFT JOIN webhooks w ON " + OWN_ROW + " "
      + "  WHERE b.client_id = c.id AND ($2::uuid IS NULL OR (b.created_at, b.id) > (cur.created_at, cur.id)) "
      + "  ORDER BY b.created_at, b.id LIMIT $3) p ON true "
      + "WHERE c.id = $1 "
      + "ORDER BY p.created_at, p.id";

  /** $1 client, $2 bot. */
  static final String GET =
    "SELECT c.id AS owner, p.* FROM clients c "
      + "LEFT JOIN LATERAL (SELECT " + bot("b", "w") + " FROM bots b "
      + "  LEFT JOIN webhooks w ON " + OWN_ROW + " WHERE b.id = $2 AND b.client_id = c.id) p ON true "
      + "WHERE c.id = $1";

  /**
   * $1 client, $2 bot, $3 name, $4 whether to set the description, $5 description, $6 is_active,
   * $7..$9 new token ciphertext, key id, last 4, $10 the Telegram bot id a new token must keep,
   * $11 the Telegram username getMe gave (null: keep), $12 whether Telegram checked the new token
   * (null: keep). {@code found} null: no such bot of this client; {@code id} null with
   * {@code found} set: the new token names another Telegram bot. {@code updated_at} always moves
   * forward, even within one millisecond, so a client can see that its change happened. A new
   * token, or a change of {@code is_active}, is due at Telegram again. A new token also takes the
   * Telegram bot id (back) for a bot that gave it up, a proven one displacing an unproven bot of
   * another client first; held by another bot, the id is a unique violation. A bot that gave its
   * id up changes nothing at Telegram otherwise: it is not run. The bot's {@code version} moves on,
   * and the engine node holding it is named ({@link #HOLDER}), to be told.
   */
  static final String UPDATE =
    "WITH c AS (SELECT id FROM clients WHERE id = $1), "
      + "cur AS (SELECT id, is_active FROM bots WHERE id = $2 AND client_id = $1), "
      + displaces("$10", "$1", "COALESCE($12, false)") + ", "
      + "u AS (UPDATE bots b SET "
      + "  name = COALESCE($3, b.name), "
      + "  description = CASE WHEN $4 THEN $5 ELSE b.description END, "
      + "  is_active = COALESCE($6, b.is_active), "
      + "  token_ciphertext = COALESCE($7, b.token_ciphertext), "
      + "  token_key_id = COALESCE($8, b.token_key_id), "
      + "  token_last4 = COALESCE($9, b.token_last4), "
      + "  telegram_username = COALESCE($11, b.telegram_username), "
      + "  token_checked = COALESCE($12, b.token_checked), "
      + "  displaced_at = CASE WHEN $7::bytea IS NULL THEN b.displaced_at END, "
      + "  updated_at = GREATEST(date_trunc('milliseconds', clock_timestamp()), b.updated_at + interval '1 millisecond'), "
      + "  version = b.version + 1 "
      + "  WHERE b.id = $2 AND b.client_id = $1 AND ($10::bigint IS NULL OR b.telegram_bot_id = $10) AND " + AFTER_GONE + " "
      + "  RETURNING " + BOT_COLUMNS + ", b.version), "
      + HOLDER.replace("$BOT", "u") + ", "
      + "taken AS (INSERT INTO webhooks AS w (telegram_bot_id, bot_id) SELECT telegram_bot_id, id FROM u "
      + "  WHERE $7::bytea IS NOT NULL " + TAKES_ROW + " RETURNING w.telegram_bot_id), "
      + "due AS (UPDATE webhooks w SET " + DUE_AGAIN + " FROM u, cur "
      + "  WHERE w.telegram_bot_id = u.telegram_bot_id AND w.bot_id = u.id AND u.displaced_at IS NULL "
      + "  AND $7::bytea IS NULL AND u.is_active <> cur.is_active RETURNING w.telegram_bot_id), "
      + "v AS (SELECT w.telegram_bot_id, w.bot_id, "
      + "  CASE WHEN n.changed = 0 THEN w.status ELSE 'pending' END AS status, "
      + "  CASE WHEN n.changed = 0 THEN w.last_error END AS last_error, "
      + "  CASE WHEN n.changed = 0 THEN w.last_error_at END AS last_error_at "
      + "  FROM u JOIN webhooks w ON w.telegram_bot_id = u.telegram_bot_id AND (w.bot_id = u.id OR $7::bytea IS NOT NULL), "
      + "  (SELECT (SELECT count(*) FROM taken) + (SELECT count(*) FROM due) AS changed) n) "
      + "SELECT c.id AS owner, cur.id AS found, " + bot("u", "v") + ", u.version, " + HOLDER_COLUMNS + " "
      + "FROM c LEFT JOIN cur ON true LEFT JOIN u ON true LEFT JOIN v ON true LEFT JOIN holder ON true";

  /**
   * $1 client, $2 bot. The Bot as it was. Its webhook state becomes a tombstone that keeps the
   * last token (still sealed, still bound to the bot id) until Telegram has removed the webhook;
   * a token Telegram already rejected has nothing left to remove, so its state goes at once. The
   * engine node holding the bot is named, to be told.
   */
  static final String DELETE =
    "WITH c AS (SELECT id FROM clients WHERE id = $1), "
      + "held AS (SELECT w.node_id FROM bot_workers w JOIN bots o ON o.id = w.bot_id AND o.client_id = $1 "
      + "  WHERE w.bot_id = $2 FOR UPDATE OF w), " + LIVE_HOLDER + ", "
      + "d AS (DELETE FROM bots WHERE id = $2 AND client_id = $1 "
      + "  RETURNING " + BOT_COLUMNS.replace("b.", "") + ", token_ciphertext, token_key_id), "
      + "was AS (SELECT w.telegram_bot_id, w.bot_id, w.status, w.last_error, w.last_error_at FROM webhooks w "
      + "  JOIN d ON w.telegram_bot_id = d.telegram_bot_id AND w.bot_id = d.id), "
      + "tombstone AS (UPDATE webhooks w SET deleted = true, token_ciphertext = d.token_ciphertext, "
      + "  token_key_id = d.token_key_id, " + DUE_AGAIN + " "
      + "  FROM d WHERE w.telegram_bot_id = d.telegram_bot_id AND w.bot_id = d.id AND w.status <> 'token_rejected' RETURNING 1), "
      + "erased AS (DELETE FROM webhooks w USING d "
      + "  WHERE w.telegram_bot_id = d.telegram_bot_id AND w.bot_id = d.id AND w.status = 'token_rejected' RETURNING 1) "
      + "SELECT c.id AS owner, " + bot("d", "was") + ", " + HOLDER_COLUMNS + " "
      + "FROM c LEFT JOIN d ON true LEFT JOIN was ON true LEFT JOIN holder ON true";

  /** $1 bot. For the platform's own workers: no owner check, the caller is the platform itself. */
  static final String TOKEN =
    "SELECT id, telegram_bot_id, token_ciphertext, token_key_id FROM bots WHERE id = $1";

  /** $1 bot, $2 the current key id: the bot's sealed token when another key sealed it. */
  static final String SEALED_WITH_OLD_KEY =
    "SELECT token_ciphertext, token_key_id FROM bots WHERE id = $1 AND token_key_id <> $2";

  /**
   * $1 bot, $2 its token sealed with the current key, $3 the current key id, $4 the key id it was
   * read under: unchanged when the token was changed meanwhile.
   */
  static final String RESEAL =
    "UPDATE bots SET token_ciphertext = $2, token_key_id = $3 WHERE id = $1 AND token_key_id = $4";

  private BotSql() {
  }

  /**
   * The columns {@link BotJson} writes a Bot from: {@code b} a relation with the bots columns,
   * {@code w} one with its own webhook row's {@code bot_id} and state ({@code status},
   * {@code last_error}, {@code last_error_at}), all null when it has none. An inactive bot is
   * {@code disabled}, whatever its state at Telegram. {@code displaced}: the bot gave its Telegram
   * bot id up and has no webhook row of its own any more, as another bot took it (BotJson shows it).
   */
  static String bot(String b, String w) {
    return BOT_COLUMNS.replace("b.", b + ".")
      + ", CASE WHEN NOT " + b + ".is_active THEN 'disabled' ELSE COALESCE(" + w + ".status, 'pending') END AS webhook_status, "
      + w + ".last_error AS webhook_last_error, " + w + ".last_error_at AS webhook_last_error_at, "
      + "(" + b + ".displaced_at IS NOT NULL AND " + w + ".bot_id IS NULL) AS displaced";
  }

  /**
   * {@code telegramId} the Telegram bot id, {@code client} the client, {@code proven} whether the
   * new token is proven (each a parameter such as {@code $5}): an unproven bot of another client
   * that holds that Telegram bot id gives it up (and its version moves on: it is no longer run). Its row stays locked to the end of the statement,
   * so of two proving registrations the second sees the id given up and meets the unique index.
   */
  private static String displaces(String telegramId, String client, String proven) {
    return "gone AS (UPDATE bots SET displaced_at = date_trunc('milliseconds', clock_timestamp()), version = version + 1 "
      + "  WHERE telegram_bot_id = " + telegramId + " AND displaced_at IS NULL AND NOT token_checked "
      + "  AND client_id <> " + client + " AND " + proven + " RETURNING id)";
  }
}
