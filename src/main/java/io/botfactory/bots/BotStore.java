package io.botfactory.bots;

import io.botfactory.bus.Page;
import io.botfactory.bus.BotToken;
import io.botfactory.bus.Failure;
import io.botfactory.bus.FieldErrors;
import io.botfactory.security.TokenCipher;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vertx.core.buffer.Buffer;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code bots} table: runs {@link BotSql}, turns rows into the contract's Bot JSON and
 * database outcomes into {@link Failure}s. Tokens arrive here already parsed and leave only
 * as ciphertext (or, for {@link #token}, decrypted for a worker).
 */
class BotStore {

  static final String NOT_FOUND = "Bot not found";
  static final String TAKEN = "A bot with this Telegram bot id is already registered";

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";
  private static final String CHECK_VIOLATION = "23514";

  private final Pool pool;
  private final TokenCipher cipher;

  BotStore(Pool pool, TokenCipher cipher) {
    this.pool = pool;
    this.cipher = cipher;
  }

  Future<JsonObject> create(UUID clientId, String name, String description, TelegramToken token, TokenCheck.Verdict verdict) {
    UUID id = UUID.randomUUID();
    Tuple params = Tuple.tuple().addUUID(id).addUUID(clientId).addString(name).addString(description)
      .addLong(token.botId()).addBuffer(Buffer.buffer(cipher.encrypt(id, token.value()))).addString(cipher.keyId())
      .addString(token.last4()).addString(verdict.username()).addBoolean(verdict.checked());
    return pool.preparedQuery(BotSql.INSERT).execute(params)
      .map(rows -> BotJson.object(rows.iterator().next()))
      .recover(BotStore::constraintFailure);
  }

  /** Up to {@code limit} bots, oldest first; a cursor that is not one of this client's bots is INVALID. */
  Future<Page> list(UUID clientId, int limit, UUID after) {
    return pool.preparedQuery(BotSql.LIST).execute(Tuple.of(clientId, after, limit + 1)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Owned.clientGone());
      }
      List<Row> bots = new ArrayList<>(rows.size());
      boolean cursorFound = true;
      for (Row row : rows) {
        cursorFound = row.getBoolean("cursor_found");
        if (row.getUUID("id") != null) {
          bots.add(row);
        }
      }
      if (!cursorFound) {
        return Future.failedFuture(FieldErrors.single("query", "after", "Value error, not the id of one of your bots", "value_error"));
      }
      // One row more than the page was asked for: its presence says that more remain.
      boolean more = bots.size() > limit;
      List<Row> page = more ? bots.subList(0, limit) : bots;
      String nextAfter = more ? page.get(page.size() - 1).getUUID("id").toString() : null;
      return Future.succeededFuture(new Page(BotJson.array(page), nextAfter));
    });
  }

  Future<JsonObject> get(UUID clientId, UUID botId) {
    return pool.preparedQuery(BotSql.GET).execute(Tuple.of(clientId, botId)).compose(BotStore::ownedBot);
  }

  /** {@code verdict}: Telegram's word on the patch's new token, or null when it brings none. */
  Future<BotChange> update(UUID clientId, UUID botId, BotPatch patch, TokenCheck.Verdict verdict) {
    return pool.preparedQuery(BotSql.UPDATE).execute(updateParameters(clientId, botId, patch, verdict))
      .recover(BotStore::constraintFailure)
      .compose(BotStore::updatedBot)
      .compose(change -> resealed(botId).map(change));
  }

  /**
   * Key rotation: while older token keys are configured, a written bot whose token an older key
   * sealed gets it sealed again with the current key. The change itself has committed already,
   * so a failure here is only logged; the bot is sealed again at its next write.
   */
  private Future<Void> resealed(UUID botId) {
    if (!cipher.rotating()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery(BotSql.SEALED_WITH_OLD_KEY).execute(Tuple.of(botId, cipher.keyId())).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture();
      }
      Row row = rows.iterator().next();
      String oldKeyId = row.getString("token_key_id");
      String token = cipher.decrypt(botId, oldKeyId, row.getBuffer("token_ciphertext").getBytes());
      Tuple params = Tuple.of(botId, Buffer.buffer(cipher.encrypt(botId, token)), cipher.keyId(), oldKeyId);
      return pool.preparedQuery(BotSql.RESEAL).execute(params).<Void>mapEmpty();
    }).recover(err -> {
      LoggerFactory.getLogger(BotStore.class).warn("Bot {}: token not sealed again with the current key: {}", botId,
        err.toString());
      return Future.succeededFuture();
    });
  }

  /** The parameters of {@link BotSql#UPDATE}, in its order; a new token is sealed for this bot. */
  private Tuple updateParameters(UUID clientId, UUID botId, BotPatch patch, TokenCheck.Verdict verdict) {
    TelegramToken token = patch.token();
    byte[] sealed = token == null ? null : cipher.encrypt(botId, token.value());
    return Tuple.tuple()
      .addUUID(clientId)
      .addUUID(botId)
      .addString(patch.name())
      .addBoolean(patch.setDescription())
      .addString(patch.description())
      .addBoolean(patch.active())
      .addBuffer(sealed == null ? null : Buffer.buffer(sealed))
      .addString(sealed == null ? null : cipher.keyId())
      .addString(token == null ? null : token.last4())
      .addLong(token == null ? null : token.botId())
      .addString(verdict == null ? null : verdict.username())
      .addBoolean(verdict == null ? null : verdict.checked());
  }

  /** No row: the client is gone; no {@code found}: not this client's bot; no {@code id}: another Telegram bot's token. */
  private static Future<BotChange> updatedBot(RowSet<Row> rows) {
    Row row = Owned.row(rows, "found");
    if (row.getUUID("id") == null) {
      return Future.failedFuture(FieldErrors.single("body", "token",
        "Value error, the new token must belong to the same Telegram bot", "value_error"));
    }
    return Future.succeededFuture(BotChange.of(row, false));
  }

  Future<BotChange> delete(UUID clientId, UUID botId) {
    return pool.preparedQuery(BotSql.DELETE).execute(Tuple.of(clientId, botId))
      .map(rows -> BotChange.of(Owned.row(rows, "id"), true));
  }

  /** The decrypted token; NOT_FOUND for an unknown bot. */
  Future<BotToken> token(UUID botId) {
    return pool.preparedQuery(BotSql.TOKEN).execute(Tuple.of(botId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Owned.botNotFound());
      }
      Row row = rows.iterator().next();
      String token = cipher.decrypt(botId, row.getString("token_key_id"), row.getBuffer("token_ciphertext").getBytes());
      return Future.succeededFuture(new BotToken(botId.toString(), row.getLong("telegram_bot_id"), token));
    });
  }

  /** No row: the client is gone; a row without a bot: not this client's bot (or none at all). */
  private static Future<JsonObject> ownedBot(RowSet<Row> rows) {
    return Future.succeededFuture(BotJson.object(Owned.row(rows, "id")));
  }

  private static <T> Future<T> constraintFailure(Throwable err) {
    if (err instanceof PgException) {
      String state = ((PgException) err).getSqlState();
      if (UNIQUE_VIOLATION.equals(state)) {
        return Future.failedFuture(Failure.CONFLICT.exception(TAKEN));
      }
      if (FOREIGN_KEY_VIOLATION.equals(state)) {
        return Future.failedFuture(Owned.clientGone());
      }
      if (CHECK_VIOLATION.equals(state)) {
        return Future.failedFuture(FieldErrors.single("body", null, "Value error, a field is out of range", "value_error"));
      }
    }
    return Future.failedFuture(err);
  }
}
