package io.botfactory.deliveries;

import io.botfactory.config.DbSettings;
import io.botfactory.db.Pools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The integration's retention (role {@code webhook}, on every such node: the deletes skip what
 * another node's sweeper holds): once a minute, idempotency keys past their 24 hours, then events
 * past {@code retentionDays} with their finished deliveries (never an event with a delivery still
 * pending), then final messages sent through the API past the same retention ({@link RetentionSql}).
 * Each is deleted {@value #BATCH} rows a statement, again at once while a statement finds that
 * many, so neither a long backlog nor a large table makes one long transaction.
 */
public class RetentionSweeper extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);
  private static final long FIRST_MS = 1000;
  private static final long EVERY_MS = 60_000;
  static final int BATCH = 1000;

  private final DbSettings db;
  private final int retentionDays;
  private Pool pool;
  private long timer;
  private boolean sweeping;
  private boolean stopping;

  public RetentionSweeper(DbSettings db, int retentionDays) {
    this.db = db;
    this.retentionDays = retentionDays;
  }

  @Override
  public Future<?> start() {
    // One connection (the smallest share); a purge lost in a database crash is done again by the next sweep.
    pool = Pools.forWorker(vertx, db, "retention", Math.max(1, db.poolSize()), true);
    timer = vertx.setPeriodic(FIRST_MS, EVERY_MS, id -> sweep());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    vertx.cancelTimer(timer);
    return pool.close();
  }

  /** One sweep of every table, in turn; a sweep still running when the next is due goes on alone. */
  private void sweep() {
    if (sweeping || stopping) {
      return;
    }
    sweeping = true;
    Tuple aged = Tuple.of(retentionDays, BATCH);
    drain(RetentionSql.KEYS, Tuple.of(BATCH))
      .compose(v -> drain(RetentionSql.DELIVERIES, aged))
      .compose(v -> drain(RetentionSql.EVENTS, aged))
      .compose(v -> drain(RetentionSql.MESSAGES, aged))
      .onFailure(e -> {
        if (!stopping) {
          LOG.warn("Retention sweep stopped; the next one goes on: {}", e.toString());
        }
      })
      .onComplete(ar -> sweeping = false);
  }

  /** Runs {@code sql} until it deletes fewer than a batch. */
  private Future<Void> drain(String sql, Tuple params) {
    return pool.preparedQuery(sql).execute(params).map(RowSet::rowCount)
      .compose(n -> n < BATCH || stopping ? Future.succeededFuture() : drain(sql, params));
  }
}
