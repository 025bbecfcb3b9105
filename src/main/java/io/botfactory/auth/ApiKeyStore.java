package io.botfactory.auth;

import io.botfactory.bus.ApiKeyOwner;
import io.botfactory.bus.Failure;
import io.botfactory.bus.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The {@code api_keys} table (and the key count on {@code clients}): all of its SQL, one
 * statement per operation, each of which also tells a client that no longer exists (401) from
 * one that has no such key.
 */
final class ApiKeyStore {

  static final String NOT_FOUND = "API key not found";

  /**
   * $1 key id, $2 client id, $3 name, $4 key hash (32 bytes), $5 the most keys a client may hold.
   * Takes a slot on the client's row first: concurrent creates of one client wait there in turn,
   * and each re-reads the count its predecessor left (docs/security.md, "API keys"). One row: the
   * key, or nulls and whether the client exists.
   */
  static final String INSERT =
    "WITH slot AS (UPDATE clients SET api_key_count = api_key_count + 1 WHERE id = $2 AND api_key_count < $5 RETURNING id), "
      + "created AS (INSERT INTO api_keys (id, client_id, name, key_hash) SELECT $1, id, $3, $4 FROM slot "
      + "RETURNING id, name, created_at, last_used_at) "
      + "SELECT created.id, created.name, created.created_at, created.last_used_at, "
      + "EXISTS (SELECT 1 FROM clients WHERE id = $2) AS client_exists "
      + "FROM (VALUES (1)) AS one LEFT JOIN created ON true";
  /** $1 client id. No row: no such client; one row of nulls: no keys. */
  static final String SELECT_BY_CLIENT =
    "SELECT k.id, k.name, k.created_at, k.last_used_at FROM clients c LEFT JOIN api_keys k ON k.client_id = c.id "
      + "WHERE c.id = $1 ORDER BY k.created_at, k.id";
  /**
   * $1 key id, $2 client id. Locks the client's row before the key's, as a create (and the
   * cascade of a client's deletion) does, so that they queue rather than deadlock; a second
   * revocation of one key finds nothing to delete and counts nothing.
   */
  static final String DELETE =
    "WITH owner AS (SELECT id FROM clients WHERE id = $2 FOR UPDATE), "
      + "gone AS (DELETE FROM api_keys WHERE id = $1 AND client_id = (SELECT id FROM owner) RETURNING client_id), "
      + "counted AS (UPDATE clients SET api_key_count = api_key_count - 1 FROM gone WHERE clients.id = gone.client_id "
      + "RETURNING clients.id) "
      + "SELECT EXISTS (SELECT 1 FROM counted) AS deleted, EXISTS (SELECT 1 FROM owner) AS client_exists";
  /**
   * $1 key hash (32 bytes), $2 seconds a {@code last_used_at} stands before a lookup writes it
   * again: a key in constant use costs a write a minute, not one per lookup.
   */
  static final String SELECT_OWNER =
    "WITH hit AS (SELECT id, client_id, last_used_at FROM api_keys WHERE key_hash = $1), "
      + "touched AS (UPDATE api_keys SET last_used_at = date_trunc('milliseconds', clock_timestamp()) FROM hit "
      + "WHERE api_keys.id = hit.id AND (hit.last_used_at IS NULL "
      + "OR hit.last_used_at <= clock_timestamp() - $2::int * interval '1 second') RETURNING api_keys.id) "
      + "SELECT id, client_id FROM hit";

  private final Pool pool;

  ApiKeyStore(Pool pool) {
    this.pool = pool;
  }

  /** The new key (without the key itself); CONFLICT past {@code maxKeys}, UNAUTHENTICATED for a client gone. */
  Future<JsonObject> insert(UUID client, String name, byte[] keyHash, int maxKeys, String conflict) {
    Tuple params = Tuple.of(UUID.randomUUID(), client, name, Buffer.buffer(keyHash), maxKeys);
    return pool.preparedQuery(INSERT).execute(params).compose(rows -> {
      Row row = rows.iterator().next();
      if (row.getUUID("id") != null) {
        return Future.succeededFuture(toJson(row));
      }
      return Future.failedFuture(Boolean.TRUE.equals(row.getBoolean("client_exists"))
        ? Failure.CONFLICT.exception(conflict) : Failure.UNAUTHENTICATED.exception(Failure.CLIENT_GONE));
    });
  }

  /** {@code {"api_keys": [ApiKey]}}, oldest first; UNAUTHENTICATED for a client gone. */
  Future<JsonObject> list(UUID client) {
    return pool.preparedQuery(SELECT_BY_CLIENT).execute(Tuple.of(client)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Failure.UNAUTHENTICATED.exception(Failure.CLIENT_GONE));
      }
      JsonArray keys = new JsonArray();
      for (Row row : rows) {
        if (row.getUUID("id") != null) {
          keys.add(toJson(row));
        }
      }
      return Future.succeededFuture(new JsonObject().put("api_keys", keys));
    });
  }

  /** Deletes the client's key; NOT_FOUND when the client has no such key, UNAUTHENTICATED for a client gone. */
  Future<Void> delete(UUID key, UUID client) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(key, client)).compose(rows -> {
      Row row = rows.iterator().next();
      if (row.getBoolean("deleted")) {
        return Future.succeededFuture();
      }
      return Future.failedFuture(row.getBoolean("client_exists")
        ? Failure.NOT_FOUND.exception(NOT_FOUND) : Failure.UNAUTHENTICATED.exception(Failure.CLIENT_GONE));
    });
  }

  /** Whose key has this hash, or null when none has; notes the use (at most once per {@code touchEverySeconds}). */
  Future<ApiKeyOwner> owner(byte[] keyHash, int touchEverySeconds) {
    return pool.preparedQuery(SELECT_OWNER).execute(Tuple.of(Buffer.buffer(keyHash), touchEverySeconds))
      .map(ApiKeyStore::firstOwner);
  }

  private static ApiKeyOwner firstOwner(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return null;
    }
    Row row = rows.iterator().next();
    return new ApiKeyOwner(row.getUUID("client_id").toString(), row.getUUID("id").toString());
  }

  private static JsonObject toJson(Row row) {
    OffsetDateTime lastUsed = row.getOffsetDateTime("last_used_at");
    return new JsonObject()
      .put("id", row.getUUID("id").toString())
      .put("name", row.getString("name"))
      .put("created_at", Timestamps.format(row.getOffsetDateTime("created_at")))
      .put("last_used_at", lastUsed == null ? null : Timestamps.format(lastUsed));
  }
}
