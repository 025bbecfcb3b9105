package io.botfactory.support;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

/** Direct SQL on the test database, for what a test must see or do beneath the API. */
public final class Sql implements AutoCloseable {

  private final Pool pool;

  public Sql(Vertx vertx) {
    this(vertx, TestDatabase.url());
  }

  public Sql(Vertx vertx, String url) {
    this.pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(url)).using(vertx).build();
  }

  public RowSet<Row> query(String sql, Object... params) {
    return pool.preparedQuery(sql).execute(Tuple.wrap(params)).await();
  }

  @Override
  public void close() {
    pool.close().await();
  }
}
