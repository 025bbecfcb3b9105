package io.botfactory.auth;

import io.botfactory.bus.Failure;
import io.botfactory.bus.Timestamps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;

/** The {@code clients} table: all of its SQL, one prepared statement per operation. */
public class ClientStore {

  /** $1 id, $2 email as given, $3 its canonical form, $4 password hash, $5 full name. */
  static final String INSERT =
    "INSERT INTO clients (id, email, email_canonical, password_hash, full_name) VALUES ($1, $2, $3, $4, $5) "
      + "RETURNING id, email, full_name, created_at";
  /** $1 id. */
  static final String SELECT_BY_ID =
    "SELECT id, email, full_name, created_at FROM clients WHERE id = $1";
  /** $1 canonical email. */
  static final String SELECT_CREDENTIALS_BY_EMAIL =
    "SELECT id, password_hash FROM clients WHERE email_canonical = $1";

  private static final String UNIQUE_VIOLATION = "23505";

  private final Pool pool;

  public ClientStore(Pool pool) {
    this.pool = pool;
  }

  /** Inserts a client; an email whose canonical form is registered already fails with CONFLICT. */
  public Future<JsonObject> insert(String email, String canonicalEmail, String passwordHash, String fullName) {
    return pool.preparedQuery(INSERT)
      .execute(Tuple.of(UUID.randomUUID(), email, canonicalEmail, passwordHash, fullName))
      .map(rows -> toJson(rows.iterator().next()))
      .recover(err -> {
        if (err instanceof PgException && UNIQUE_VIOLATION.equals(((PgException) err).getSqlState())) {
          return Future.failedFuture(Failure.CONFLICT.exception("Email already registered"));
        }
        return Future.failedFuture(err);
      });
  }

  /** The client, or null when there is none with that id. */
  public Future<JsonObject> find(UUID id) {
    return pool.preparedQuery(SELECT_BY_ID).execute(Tuple.of(id)).map(ClientStore::firstOrNull);
  }

  /** {@code {id, password_hash}} for login, or null when no client has that canonical email. */
  public Future<Row> credentials(String canonicalEmail) {
    return pool.preparedQuery(SELECT_CREDENTIALS_BY_EMAIL).execute(Tuple.of(canonicalEmail))
      .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
  }

  private static JsonObject firstOrNull(RowSet<Row> rows) {
    return rows.size() == 0 ? null : toJson(rows.iterator().next());
  }

  private static JsonObject toJson(Row row) {
    return new JsonObject()
      .put("id", row.getUUID("id").toString())
      .put("email", row.getString("email"))
      .put("full_name", row.getString("full_name"))
      .put("created_at", Timestamps.format(row.getOffsetDateTime("created_at")));
  }
}
