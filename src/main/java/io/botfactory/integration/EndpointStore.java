package io.botfactory.integration;

import io.botfactory.bus.Failure;
import io.botfactory.bus.Page;
import io.botfactory.security.EndpointSecrets;
import io.botfactory.security.TokenCipher;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;

/**
 * A bot's event endpoints as their owner keeps them; see {@link EndpointSql}. A secret is made
 * here, answered once, and stored only sealed (AES-256-GCM under the token key, bound to the
 * endpoint's id, as a bot's token is).
 */
final class EndpointStore {

  /** The most endpoints of one bot. */
  static final int MAX_PER_BOT = 10;
  /** How long a replaced secret still signs: receivers have a day to take the new one. */
  static final long PREVIOUS_SECRET_SECONDS = 24 * 3600;

  private final Pool pool;
  private final TokenCipher cipher;

  EndpointStore(Pool pool, TokenCipher cipher) {
    this.pool = pool;
    this.cipher = cipher;
  }

  /**
   * Creates an endpoint, in one transaction of two statements: the first locks the bot, so that
   * the second counts its endpoints with every concurrent create before it committed (never an
   * eleventh). Answers it with its secret.
   */
  Future<JsonObject> create(UUID client, UUID bot, String url, String[] events, String description) {
    UUID id = UUID.randomUUID();
    String secret = EndpointSecrets.generate();
    byte[] sealed = cipher.encrypt(id, secret);
    return pool.withTransaction(conn -> conn.preparedQuery(EndpointSql.LOCK_BOT).execute(Tuple.of(client, bot))
      .compose(rows -> {
        Owned.row(rows);
        Tuple params = Tuple.of(id, bot, url, events, description, sealed, cipher.keyId(), MAX_PER_BOT);
        return conn.preparedQuery(EndpointSql.INSERT).execute(params);
      })
      .map(rows -> {
        Row row = rows.iterator().next();
        if (!EndpointJson.present(row)) {
          throw Failure.CONFLICT.exception("A bot has at most " + MAX_PER_BOT + " endpoints");
        }
        return EndpointJson.of(row).put("secret", secret);
      }));
  }

  /** Every endpoint of the bot, oldest first, as JSON text. */
  Future<Page> list(UUID client, UUID bot) {
    return pool.preparedQuery(EndpointSql.LIST).execute(Tuple.of(client, bot)).map(rows -> {
      Owned.row(rows);
      JsonArray endpoints = new JsonArray();
      for (Row row : rows) {
        if (EndpointJson.present(row)) {
          endpoints.add(EndpointJson.of(row));
        }
      }
      return new Page(endpoints.toBuffer(), null);
    });
  }

  Future<JsonObject> get(UUID client, UUID bot, UUID endpoint) {
    return one(EndpointSql.GET, Tuple.of(client, bot, endpoint));
  }

  /** Changes what {@code change} gives; null keeps a field. */
  Future<JsonObject> update(UUID client, UUID bot, UUID endpoint, EndpointChange change) {
    Tuple params = Tuple.of(client, bot, endpoint, change.url(), change.events(), change.describes(),
      change.description(), change.status());
    return one(EndpointSql.UPDATE, params);
  }

  Future<JsonObject> delete(UUID client, UUID bot, UUID endpoint) {
    return pool.preparedQuery(EndpointSql.DELETE).execute(Tuple.of(client, bot, endpoint)).map(rows -> {
      Owned.known(rows, Owned.ENDPOINT_NOT_FOUND);
      return new JsonObject();
    });
  }

  /** A new secret, answered once; the one it replaces signs too for {@link #PREVIOUS_SECRET_SECONDS}. */
  Future<JsonObject> rotate(UUID client, UUID bot, UUID endpoint) {
    String secret = EndpointSecrets.generate();
    Tuple params = Tuple.of(client, bot, endpoint, cipher.encrypt(endpoint, secret), cipher.keyId(),
      PREVIOUS_SECRET_SECONDS);
    return one(EndpointSql.ROTATE, params).map(json -> json.put("secret", secret));
  }

  private Future<JsonObject> one(String sql, Tuple params) {
    return pool.preparedQuery(sql).execute(params).map(EndpointStore::endpoint);
  }

  private static JsonObject endpoint(RowSet<Row> rows) {
    return EndpointJson.of(Owned.known(rows, Owned.ENDPOINT_NOT_FOUND));
  }
}
