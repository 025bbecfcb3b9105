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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bot's updates wait in its node's memory up to a fixed number (here five); the rest wait in
 * the inbox, read from there once the queue has drained, and are still answered once each, in
 * order. Forty updates of one chat, answered ten a second: the node's queue never holds more
 * than five.
 */
@ExtendWith(VertxExtension.class)
class BoundedQueueTest {

  private static final int UPDATES = 40;
  private static final int QUEUE = 5;

  @Test
  void aBotsQueueInMemoryIsBoundedAndEveryUpdateIsStillAnsweredInOrder(Vertx vertx) {
    TelegramDouble telegram = TelegramDoubles.shared();
    // A database of its own: on the shared one, this node's public URL would make every bot there due again,
    // and the shared node could take this test's bots.
    TestStack node = TestStack.start(TestStack.config(TestDatabase.fresh("bounded"))
      .put(ConfigKey.UPDATE_QUEUE_PER_BOT.key(), QUEUE).put(ConfigKey.REPLY_CHAT_INTERVAL_MS.key(), 100));
    try {
      Api api = new Api(vertx, node.port);
      Api.Account owner = api.newAccount();
      JsonObject bot = api.createBot(owner, "bounded");
      String botId = bot.getString("id");
      long telegramId = bot.getLong("telegram_bot_id");
      JsonArray commands = new JsonArray();
      for (int i = 0; i < UPDATES; i++) {
        commands.add(new JsonObject().put("command", "c" + i).put("description", "d").put("reply", "r" + i));
      }
      assertThat(api.request(HttpMethod.PUT, "/bots/" + botId + "/commands", owner.token())
        .sendJsonObject(new JsonObject().put("commands", commands)).await().statusCode()).isEqualTo(200);
      api.awaitWebhook(owner, botId, "active");
      long chat = Updates.nextId();
      for (int i = 0; i < UPDATES; i++) {
        Updates.deliver(api, botId, Updates.text(chat, "/c" + i));
      }
      List<Double> queued = new ArrayList<>();
      Eventually.await(() -> {
        queued.add(gauge(api, "botfactory_updates_queued"));
        return telegram.sent(telegramId, chat);
      }, sent -> sent.size() == UPDATES, Duration.ofSeconds(60), "every reply");
      assertThat(queued).as("updates waiting in the node's memory").allMatch(n -> n <= QUEUE);
      assertThat(queued).as("the queue was used").anyMatch(n -> n > 0);
      assertThat(telegram.sent(telegramId, chat)).containsExactlyElementsOf(
        IntStream.range(0, UPDATES).mapToObj(i -> "r" + i).collect(Collectors.toList()));
    } finally {
      node.stop();
    }
  }

  private static double gauge(Api api, String name) {
    return api.get("/metrics", null).bodyAsString().lines().filter(l -> l.startsWith(name + " "))
      .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
  }
}
