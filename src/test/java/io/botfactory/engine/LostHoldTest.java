package io.botfactory.engine;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.Sql;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.botfactory.support.Updates;
import io.botfactory.telegram.DoubleCall;
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
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node that lost its hold on a bot sends nothing more for it, not even the replies it had
 * queued: every send is fenced by the node's lease, by the node's own clock, so that it has
 * stopped before the lease lapses in the database, the moment another node may take the bot.
 * Here the node holds a bot with forty replies queued for one chat (ten a second) when its lease
 * can no longer be renewed (its row is locked, as a database that stops answering it would): the
 * replies stop well before the lease's end in the database (after it, the bot's next holder, this
 * node or another of the test run, may send); then what is left is sent, each reply once.
 */
@ExtendWith(VertxExtension.class)
class LostHoldTest {

  private static final int REPLIES = 40;
  private final TelegramDouble telegram = TelegramDoubles.shared();

  @Test
  void aNodeThatLostItsHoldSendsNothingAfterItsLeaseEnds(Vertx vertx) throws InterruptedException {
    // A database of its own: on the shared one, this node's public URL would make every bot there due again,
    // and no other node may take this test's bots.
    String database = TestDatabase.fresh("lost_hold");
    TestStack node = TestStack.start(TestStack.config(database).put(ConfigKey.UPDATE_LEASE_S.key(), 3)
      .put(ConfigKey.REPLY_CHAT_INTERVAL_MS.key(), 100));
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(database)).using(vertx).build();
    try (Sql sql = new Sql(vertx, database)) {
      Api api = new Api(vertx, node.port);
      JsonObject bot = Updates.answeringBot(api, api.newAccount(), "lost hold", "ok");
      String botId = bot.getString("id");
      long telegramId = bot.getLong("telegram_bot_id");
      long chat = Updates.nextId();
      for (int i = 0; i < REPLIES; i++) {
        Updates.deliver(api, botId, Updates.text(chat, "hello " + i));
      }
      Eventually.await(() -> telegram.sent(telegramId, chat), sent -> !sent.isEmpty(), Duration.ofSeconds(30),
        "the first reply");
      String holder = sql.query("SELECT node_id FROM bot_workers WHERE bot_id = $1", UUID.fromString(botId))
        .iterator().next().getString("node_id");

      // From now on the holder's lease cannot be renewed: it lapses at the end of its last renewal.
      SqlConnection lock = pool.getConnection().await();
      Transaction tx = lock.begin().await();
      lock.preparedQuery("SELECT 1 FROM engine_nodes WHERE node_id = $1 FOR UPDATE").execute(Tuple.of(holder)).await();
      Instant lapses = sql.query("SELECT lease_until FROM engine_nodes WHERE node_id = $1", holder).iterator().next()
        .getOffsetDateTime("lease_until").toInstant();
      Thread.sleep(Math.max(0, Duration.between(Instant.now(), lapses).toMillis()) + 500);
      tx.rollback().await();
      lock.close().await();

      // The holder stops a third of the lease (a second) before it lapses; ten replies a second
      // would otherwise have gone out in that second.
      Instant quietFrom = lapses.minusMillis(800);
      List<DoubleCall> sends = telegram.calls(telegramId, "sendMessage");
      assertThat(sends.stream().filter(c -> c.receivedAt().isBefore(quietFrom))).as("sent while the lease held").isNotEmpty();
      assertThat(sends.stream().filter(c -> !c.receivedAt().isBefore(quietFrom) && c.receivedAt().isBefore(lapses)))
        .as("sent in the last 800 ms of a lease that could not be renewed").isEmpty();
      Eventually.await(() -> telegram.sent(telegramId, chat), sent -> sent.size() >= REPLIES, Duration.ofSeconds(30),
        "the rest, from the bot's next hold");
      Thread.sleep(1000);
      assertThat(telegram.sent(telegramId, chat)).as("each reply once").hasSize(REPLIES);
    } finally {
      pool.close().await();
      node.stop();
    }
  }
}
