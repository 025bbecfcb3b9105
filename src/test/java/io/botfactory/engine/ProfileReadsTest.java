package io.botfactory.engine;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.botfactory.support.Updates;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bot's command set is read once per change, not once per update: a hundred commands of 4,000
 * characters (800 KB), fifty updates, one read. A new set is read once more, and answers every
 * update stored after its PUT answered.
 */
@ExtendWith(VertxExtension.class)
class ProfileReadsTest {

  private static final Duration WITHIN = Duration.ofSeconds(30);

  @Test
  void aBotsCommandSetIsReadOncePerChangeNotPerUpdate(Vertx vertx) {
    TelegramDouble telegram = TelegramDoubles.shared();
    // A database of its own: on the shared one, this node's public URL would make every bot there due again,
    // and the shared node could take this test's bots.
    TestStack node = TestStack.start(TestStack.config(TestDatabase.fresh("profiles")).put(ConfigKey.REPLY_CHAT_INTERVAL_MS.key(), 0));
    try {
      Api api = new Api(vertx, node.port);
      Api.Account owner = api.newAccount();
      JsonObject bot = api.createBot(owner, "big commands");
      String botId = bot.getString("id");
      long telegramId = bot.getLong("telegram_bot_id");
      put(api, owner, botId, "first");
      api.awaitWebhook(owner, botId, "active");
      double before = counter(api, "botfactory_engine_profile_reads_total");
      long chat = Updates.nextId();
      for (int i = 0; i < 50; i++) {
        Updates.deliver(api, botId, Updates.text(chat, "/c" + (i % 100)));
      }
      Eventually.await(() -> telegram.sent(telegramId, chat), s -> s.size() == 50, WITHIN, "fifty replies");
      assertThat(telegram.sent(telegramId, chat)).allMatch(r -> r.startsWith("first"));
      assertThat(counter(api, "botfactory_engine_profile_reads_total") - before).as("reads for fifty updates").isEqualTo(1);

      put(api, owner, botId, "second");
      Updates.deliver(api, botId, Updates.text(chat, "/c7"));
      Eventually.await(() -> telegram.sent(telegramId, chat), s -> s.size() == 51, WITHIN, "the reply after the change");
      assertThat(telegram.sent(telegramId, chat).get(50)).as("the new set answers").startsWith("second");
      assertThat(counter(api, "botfactory_engine_profile_reads_total") - before).as("one more read for the new set")
        .isEqualTo(2);
    } finally {
      node.stop();
    }
  }

  private static void put(Api api, Api.Account owner, String botId, String prefix) {
    JsonArray commands = new JsonArray();
    for (int i = 0; i < 100; i++) {
      commands.add(new JsonObject().put("command", "c" + i).put("description", "d")
        .put("reply", prefix + " " + "x".repeat(4000)));
    }
    assertThat(api.request(HttpMethod.PUT, "/bots/" + botId + "/commands", owner.token())
      .sendJsonObject(new JsonObject().put("commands", commands)).await().statusCode()).isEqualTo(200);
  }

  private static double counter(Api api, String name) {
    return api.get("/metrics", null).bodyAsString().lines().filter(l -> l.startsWith(name + " "))
      .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
  }
}
