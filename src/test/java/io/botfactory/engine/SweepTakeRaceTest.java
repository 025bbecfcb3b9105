package io.botfactory.engine;

import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.Sql;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.botfactory.support.Updates;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node takes an unheld bot once, even when its sweep and an arriving update both ask to take
 * it. A node may take its own hold anew, so the second of two such statements used to raise the
 * epoch under the runner the first had started: that runner's outcomes were refused, and a reply
 * it had sent was sent again by the next (found by bench/run.sh: one reply twice, right after the
 * bots of an idle node had been let go). Here the bot's row of bot_workers is locked while both
 * ask, so that their statements would meet; the epoch says how many times the bot was taken.
 */
@ExtendWith(VertxExtension.class)
class SweepTakeRaceTest {

  private static final String TAKE_WAITS = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
    + "AND query LIKE 'INSERT INTO bot_workers AS w (bot_id, node_id, epoch) SELECT b.id%'";
  private static final String SWEEP_WAITS = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
    + "AND query LIKE 'WITH work AS%'";
  /** Longer than two of the shared node's sweeps (every 500 ms): a sweep had its chance to ask meanwhile. */
  private static final long SWEEPS_MS = 1500;

  private final TelegramDouble telegram = TelegramDoubles.shared();

  @Test
  void anUpdateWhoseTakeWaitsIsNotTakenAgainByTheSweep(Vertx vertx) throws InterruptedException {
    Api api = new Api(vertx, TestStack.shared().port);
    JsonObject bot = Updates.answeringBot(api, api.newAccount(), "take then sweep", "ok");
    UUID botId = UUID.fromString(bot.getString("id"));
    long chat = Updates.nextId();
    try (Sql sql = new Sql(vertx); Locked row = Locked.unheld(vertx, sql, botId)) {
      Updates.deliver(api, botId.toString(), Updates.text(chat, "hello"));
      awaitWaiting(sql, TAKE_WAITS, "the update's take waiting on the lock");
      Thread.sleep(SWEEPS_MS);
      row.release();
      awaitAnswered(bot, chat);
      assertThat(epoch(sql, botId)).as("taken once").isEqualTo(Locked.EPOCH + 1);
      assertThat(telegram.sent(bot.getLong("telegram_bot_id"), chat)).as("answered once").containsExactly("ok");
    }
  }

  @Test
  void anUpdateArrivingWhileTheSweepTakesItsBotDoesNotTakeItAgain(Vertx vertx) {
    Api api = new Api(vertx, TestStack.shared().port);
    JsonObject bot = Updates.answeringBot(api, api.newAccount(), "sweep then take", "ok");
    UUID botId = UUID.fromString(bot.getString("id"));
    long first = Updates.nextId();
    long second = Updates.nextId();
    try (Sql sql = new Sql(vertx); Locked row = Locked.unheld(vertx, sql, botId)) {
      // Stored without the message that asks a node to take its bot, as after a lost message: only the sweep finds it.
      JsonObject waiting = Updates.text(first, "hello");
      sql.query("INSERT INTO updates (bot_id, update_id, chat_id, kind, payload) VALUES ($1, $2, $3, 'message', $4)",
        botId, waiting.getLong("update_id"), first, waiting.encode());
      awaitWaiting(sql, SWEEP_WAITS, "the sweep's take waiting on the lock");
      Updates.deliver(api, botId.toString(), Updates.text(second, "hello again"));
      row.release();
      awaitAnswered(bot, first);
      awaitAnswered(bot, second);
      assertThat(epoch(sql, botId)).as("taken once").isEqualTo(Locked.EPOCH + 1);
      assertThat(telegram.sent(bot.getLong("telegram_bot_id"), first)).as("answered once").containsExactly("ok");
      assertThat(telegram.sent(bot.getLong("telegram_bot_id"), second)).as("answered once").containsExactly("ok");
    }
  }

  private static void awaitWaiting(Sql sql, String query, String what) {
    Eventually.await(() -> sql.query(query).iterator().next().getLong(0), n -> n > 0, Duration.ofSeconds(30), what);
  }

  private void awaitAnswered(JsonObject bot, long chat) {
    Eventually.await(() -> telegram.sent(bot.getLong("telegram_bot_id"), chat), sent -> !sent.isEmpty(),
      Duration.ofSeconds(30), "the reply to chat " + chat);
  }

  private static long epoch(Sql sql, UUID botId) {
    return sql.query("SELECT epoch FROM bot_workers WHERE bot_id = $1", botId).iterator().next().getLong(0);
  }

  /** The bot's row of bot_workers: unheld at {@link #EPOCH}, and locked until released. */
  private static final class Locked implements AutoCloseable {

    static final long EPOCH = 10;

    private final Pool pool;
    private final SqlConnection connection;
    private final Transaction tx;
    private boolean released;

    private Locked(Pool pool, SqlConnection connection, Transaction tx) {
      this.pool = pool;
      this.connection = connection;
      this.tx = tx;
    }

    static Locked unheld(Vertx vertx, Sql sql, UUID botId) {
      sql.query("INSERT INTO bot_workers (bot_id, node_id, epoch) VALUES ($1, NULL, $2) "
        + "ON CONFLICT (bot_id) DO UPDATE SET node_id = NULL, epoch = $2", botId, EPOCH);
      Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(TestDatabase.url())).using(vertx).build();
      SqlConnection connection = pool.getConnection().await();
      Transaction tx = connection.begin().await();
      connection.preparedQuery("SELECT 1 FROM bot_workers WHERE bot_id = $1 FOR UPDATE").execute(Tuple.of(botId)).await();
      return new Locked(pool, connection, tx);
    }

    void release() {
      if (!released) {
        released = true;
        tx.rollback().await();
        connection.close().await();
      }
    }

    @Override
    public void close() {
      release();
      pool.close().await();
    }
  }
}
