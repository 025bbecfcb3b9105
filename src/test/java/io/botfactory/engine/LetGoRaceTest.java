package io.botfactory.engine;

import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.Sql;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.botfactory.support.Updates;
import io.botfactory.telegram.DoubleFault;
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
 * An update that arrives while its bot's node is letting the bot go is answered once. The
 * worker found nothing to do and asked to let go; the update was committed after that request's
 * snapshot, so the let-go succeeded, but the update's nudge reached the worker first. The
 * runner it woke then handled the update without holding the bot (its outcome refused), and
 * the sweep's new holder answered it again. (Found by bench/run.sh's reply matching at 300
 * updates/s.) Here the let-go is made to wait on a row lock while the update arrives, and the
 * update's reply takes longer at Telegram than the lock is held.
 */
@ExtendWith(VertxExtension.class)
class LetGoRaceTest {

  private final TelegramDouble telegram = TelegramDoubles.shared();

  @Test
  void anUpdateArrivingWhileItsBotIsLetGoIsAnsweredOnce(Vertx vertx) throws InterruptedException {
    Api api = new Api(vertx, TestStack.shared().port);
    Api.Account owner = api.newAccount();
    JsonObject bot = Updates.answeringBot(api, owner, "let go", "ok");
    String botId = bot.getString("id");
    long telegramId = bot.getLong("telegram_bot_id");
    long first = Updates.nextId();
    long second = Updates.nextId();
    // The first reply takes a second at Telegram: time to lock the bot's row of bot_workers, so
    // that the let-go which follows the reply waits.
    telegram.when("sendMessage").forBot(telegramId).times(1).then(DoubleFault.slow(1000));
    Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(TestDatabase.url())).using(vertx).build();
    try (Sql sql = new Sql(vertx)) {
      Updates.deliver(api, botId, Updates.text(first, "hello"));
      telegram.awaitCalls(telegramId, "sendMessage", 1, Duration.ofSeconds(30));
      // The second reply takes longer than the lock is held: its outcome is written after the let-go.
      telegram.when("sendMessage").forBot(telegramId).times(1).then(DoubleFault.slow(2500));
      SqlConnection lock = pool.getConnection().await();
      Transaction tx = lock.begin().await();
      lock.preparedQuery("SELECT 1 FROM bot_workers WHERE bot_id = $1 FOR UPDATE").execute(Tuple.of(UUID.fromString(botId)))
        .await();
      Eventually.await(() -> sql.query("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
          + "AND query LIKE 'UPDATE bot_workers w SET node_id = NULL%'").iterator().next().getLong(0),
        waiting -> waiting > 0, Duration.ofSeconds(30), "the let-go waiting on the lock");

      Updates.deliver(api, botId, Updates.text(second, "hello again"));
      Thread.sleep(1000);
      tx.rollback().await();
      lock.close().await();

      Eventually.await(() -> telegram.sent(telegramId, second), sent -> !sent.isEmpty(), Duration.ofSeconds(30),
        "the second chat's reply");
      Thread.sleep(3000); // the sweep (every second) would have answered it again by now
      assertThat(telegram.sent(telegramId, first)).containsExactly("ok");
      assertThat(telegram.sent(telegramId, second)).as("answered once").containsExactly("ok");
    } finally {
      pool.close().await();
    }
  }
}
