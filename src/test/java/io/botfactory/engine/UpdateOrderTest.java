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
import io.vertx.core.Future;
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
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** One chat's updates are answered one at a time in update_id order, at Telegram's pace; chats side by side. */
@ExtendWith(VertxExtension.class)
class UpdateOrderTest {

  private static final Duration WITHIN = Duration.ofSeconds(30);

  private final TelegramDouble telegram = TelegramDoubles.shared();

  @Test
  void twentyUpdatesOfOneChatAreAnsweredInUpdateIdOrder(Vertx vertx) {
    // A short interval between replies to one chat, so that twenty take a second, not twenty.
    // A database of its own, where this node alone takes the bot up (the shared node answers a chat once a second).
    String database = TestDatabase.fresh("order");
    TestStack node = TestStack.start(TestStack.config(database).put(ConfigKey.REPLY_CHAT_INTERVAL_MS.key(), 20));
    try {
      Api api = new Api(vertx, node.port);
      Api.Account owner = api.newAccount();
      JsonObject bot = api.createBot(owner, "ordered");
      String botId = bot.getString("id");
      long telegramId = bot.getLong("telegram_bot_id");
      JsonArray commands = new JsonArray();
      for (int i = 1; i <= 20; i++) {
        commands.add(new JsonObject().put("command", "c" + i).put("description", "d").put("reply", "r" + i));
      }
      api.request(HttpMethod.PUT, "/bots/" + botId + "/commands", owner.token())
        .sendJsonObject(new JsonObject().put("commands", commands)).await();
      long chat = Updates.nextId();
      List<JsonObject> updates = new ArrayList<>();
      for (int i = 1; i <= 20; i++) {
        updates.add(Updates.text(chat, "/c" + i));
      }
      // Another node holds the bot while all twenty are delivered at once, stored in whatever
      // order they arrive (and handed on to that node, which never answers); then it lets go, and
      // this node takes them up from the inbox.
      try (Sql sql = new Sql(vertx, database)) {
        sql.query("INSERT INTO engine_nodes (node_id, lease_until) VALUES ('elsewhere', clock_timestamp() + interval '1 hour') "
          + "ON CONFLICT (node_id) DO UPDATE SET lease_until = EXCLUDED.lease_until");
        sql.query("INSERT INTO bot_workers (bot_id, node_id, epoch) VALUES ($1, 'elsewhere', 1) "
          + "ON CONFLICT (bot_id) DO UPDATE SET node_id = 'elsewhere', epoch = bot_workers.epoch + 1", UUID.fromString(botId));
        List<Future<?>> deliveries = new ArrayList<>();
        for (JsonObject update : updates) {
          deliveries.add(api.client.post("/telegram/webhook/" + botId)
            .putHeader("X-Telegram-Bot-Api-Secret-Token", Updates.secret(botId)).sendJsonObject(update));
        }
        Future.all(deliveries).await();
        assertThat(telegram.sent(telegramId, chat)).as("held elsewhere: not handled yet").isEmpty();
        sql.query("UPDATE bot_workers SET node_id = NULL WHERE bot_id = $1", UUID.fromString(botId));
      }
      List<String> sent = Eventually.await(() -> telegram.sent(telegramId, chat), s -> s.size() == 20, WITHIN, "20 replies");
      assertThat(sent).containsExactlyElementsOf(
        java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> "r" + i).collect(Collectors.toList()));
      List<DoubleCall> calls = telegram.calls(telegramId, "sendMessage");
      for (int i = 1; i < calls.size(); i++) {
        assertThat(calls.get(i).receivedAt()).as("one at a time").isAfterOrEqualTo(calls.get(i - 1).answeredAt());
      }
    } finally {
      node.stop();
    }
  }

  @Test
  void repliesToOneChatAreASecondApartWhileOtherChatsGoOn(Vertx vertx) {
    Api api = new Api(vertx, TestStack.shared().port);
    Api.Account owner = api.newAccount();
    JsonObject bot = api.createBot(owner, "paced");
    long telegramId = bot.getLong("telegram_bot_id");
    api.request(HttpMethod.PUT, "/bots/" + bot.getString("id") + "/commands", owner.token())
      .sendJsonObject(new JsonObject().put("commands", new JsonArray()).put("fallback_reply", "ok")).await();
    long busy = Updates.nextId();
    long other = Updates.nextId();
    for (int i = 0; i < 3; i++) {
      telegram.deliver(telegramId, Updates.text(busy, "message " + i)).await();
    }
    telegram.deliver(telegramId, Updates.text(other, "hello")).await();
    Eventually.await(() -> telegram.sent(telegramId, busy), s -> s.size() == 3, WITHIN, "three replies");
    List<DoubleCall> toBusy = telegram.calls(telegramId, "sendMessage").stream()
      .filter(c -> c.body().getLong("chat_id") == busy).collect(Collectors.toList());
    for (int i = 1; i < toBusy.size(); i++) {
      assertThat(Duration.between(toBusy.get(i - 1).receivedAt(), toBusy.get(i).receivedAt()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }
    DoubleCall toOther = Eventually.await(() -> telegram.calls(telegramId, "sendMessage").stream()
      .filter(c -> c.body().getLong("chat_id") == other).findFirst(), java.util.Optional::isPresent, WITHIN,
      "the other chat's reply").get();
    assertThat(toOther.receivedAt()).as("another chat does not wait for the busy one").isBefore(toBusy.get(2).receivedAt());
  }
}
