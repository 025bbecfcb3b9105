package io.botfactory.engine;

import io.botfactory.config.ConfigKey;
import io.botfactory.db.EmbeddedDatabase;
import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.botfactory.support.Updates;
import io.botfactory.telegram.DoubleCall;
import io.botfactory.telegram.DoubleFault;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reply Telegram took is never sent again because its outcome could not be written at once:
 * the database goes away while sendMessage is under way and comes back a moment later; the
 * worker records the reply it sent, and the chat gets it once. (Found by bench/run.sh: under
 * load, a pool wait that timed out after a successful send made the update be handled again.)
 */
@ExtendWith(VertxExtension.class)
class SentReplyRecordTest {

  private final TelegramDouble telegram = TelegramDoubles.shared();

  @Test
  void aReplySentWhileTheDatabaseIsAwayIsRecordedNotSentAgain(Vertx vertx, @TempDir Path dir) throws InterruptedException {
    String password = TestDatabase.password();
    EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("pg"), password, false);
    int port = database.port();
    // A long lease: the worker keeps the bot through the outage, however slow the restart is here.
    TestStack node = TestStack.start(TestStack.config(database.url()).put(ConfigKey.UPDATE_LEASE_S.key(), 120));
    try {
      Api api = new Api(vertx, node.port);
      Api.Account owner = api.newAccount();
      JsonObject bot = api.createBot(owner, "records what it sent");
      String botId = bot.getString("id");
      long telegramId = bot.getLong("telegram_bot_id");
      api.request(HttpMethod.PUT, "/bots/" + botId + "/commands", owner.token())
        .sendJsonObject(new JsonObject().put("commands", new JsonArray().add(new JsonObject().put("command", "start")
          .put("description", "d").put("reply", "hello")))).await();
      api.awaitWebhook(owner, botId, "active");
      long chat = Updates.nextId();
      telegram.when("sendMessage").forBot(telegramId).times(1).then(DoubleFault.slow(2000));

      assertThat(api.client.post("/telegram/webhook/" + botId).putHeader("X-Telegram-Bot-Api-Secret-Token",
        Updates.secret(botId)).sendJsonObject(Updates.text(chat, "/start")).await().statusCode()).isEqualTo(200);
      DoubleCall call = telegram.awaitCalls(telegramId, "sendMessage", 1, Duration.ofSeconds(30)).get(0);
      database.close();
      Eventually.await(call::answered, answered -> answered, Duration.ofSeconds(10), "Telegram's answer to sendMessage");
      Thread.sleep(1000);
      database = EmbeddedDatabase.start(dir.resolve("pg"), password, false, port);

      Eventually.await(() -> telegram.sent(telegramId, chat), sent -> !sent.isEmpty(), Duration.ofSeconds(60), "the reply");
      Thread.sleep(5000);
      List<DoubleCall> sends = telegram.calls(telegramId, "sendMessage");
      assertThat(sends).as("sent once, recorded once").hasSize(1);
      assertThat(telegram.sent(telegramId, chat)).containsExactly("hello");
    } finally {
      node.stop();
      database.close();
    }
  }
}
