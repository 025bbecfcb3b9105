package io.botfactory.bots;

import io.botfactory.bus.Failure;
import io.botfactory.bus.Timestamps;
import io.botfactory.security.TokenCipher;
import io.botfactory.telegram.TelegramClient;
import io.botfactory.telegram.TelegramOutcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * {@code GET /bots/{id}/webhook}: the stored webhook state of one of the client's bots and, when
 * Telegram answers {@code getWebhookInfo} within {@value #TIMEOUT_MS} ms, its live view
 * ({@code telegram} is null otherwise). The live URL is the one BotFactory set, which holds the
 * bot id and never a token. Each look asks Telegram, on connections of its own kind (never the
 * token checks'), and an account may look only so often ({@link WebhookViewThrottle}).
 */
final class WebhookView {

  static final long TIMEOUT_MS = 2000;

  /** $1 client, $2 bot. */
  static final String STATE =
    "SELECT c.id AS owner, p.* FROM clients c "
      + "LEFT JOIN LATERAL (SELECT " + BotSql.bot("b", "w") + ", b.token_ciphertext, b.token_key_id FROM bots b "
      + "  LEFT JOIN webhooks w ON " + BotSql.OWN_ROW + " WHERE b.id = $2 AND b.client_id = c.id) p ON true "
      + "WHERE c.id = $1";

  private final Pool pool;
  private final TokenCipher cipher;
  private final TelegramClient telegram;
  private final WebhookViewThrottle throttle;

  WebhookView(Pool pool, TokenCipher cipher, TelegramClient telegram, WebhookViewThrottle throttle) {
    this.pool = pool;
    this.cipher = cipher;
    this.telegram = telegram;
    this.throttle = throttle;
  }

  /** THROTTLED, before anything is read, when the account has looked too often; NOT_FOUND for anyone else's bot. */
  Future<JsonObject> get(UUID clientId, UUID botId) {
    long wait = throttle.take(clientId);
    if (wait > 0) {
      return Future.failedFuture(Failure.THROTTLED.exception(String.valueOf(wait)));
    }
    return pool.preparedQuery(STATE).execute(Tuple.of(clientId, botId)).compose(rows -> {
      Row row = Owned.row(rows, "id");
      JsonObject stored = BotJson.object(row).getJsonObject("webhook");
      String token = cipher.decrypt(botId, row.getString("token_key_id"), row.getBuffer("token_ciphertext").getBytes());
      return telegram.call(token, "getWebhookInfo", new JsonObject(), TIMEOUT_MS)
        .map(outcome -> stored.put("telegram", live(outcome, token)));
    });
  }

  /** Telegram's view, or null when it did not answer with one. */
  private static JsonObject live(TelegramOutcome outcome, String token) {
    JsonObject info = outcome instanceof TelegramOutcome.Ok ? ((TelegramOutcome.Ok) outcome).object() : null;
    if (info == null) {
      return null;
    }
    Long errorDate = info.getLong("last_error_date");
    return new JsonObject()
      .put("url", withoutToken(info.getString("url", ""), token))
      .put("pending_update_count", info.getInteger("pending_update_count", 0))
      .put("last_error_date", errorDate == null || errorDate == 0 ? null
        : Timestamps.format(OffsetDateTime.ofInstant(Instant.ofEpochSecond(errorDate), ZoneOffset.UTC)))
      .put("last_error_message", info.getString("last_error_message"));
  }

  /** A URL set by someone else could hold the token (or its secret part): never shown. */
  private static String withoutToken(String url, String token) {
    String secret = token.substring(token.indexOf(':') + 1);
    return url.contains(secret) ? "(a URL that holds the bot's token, not shown)" : url;
  }
}
