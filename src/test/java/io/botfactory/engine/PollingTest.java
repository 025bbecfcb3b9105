package io.botfactory.engine;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.botfactory.support.Updates;
import io.botfactory.telegram.DoubleCall;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a public URL the service polls: it removes the bot's webhook (keeping pending
 * updates), long-polls getUpdates, answers what it gets as it answers a webhook's updates, stops
 * when the bot is deactivated and fetches what Telegram kept meanwhile once it is active again.
 */
@ExtendWith(VertxExtension.class)
class PollingTest {

  private static final Duration WITHIN = Duration.ofSeconds(30);

  @Test
  void aBotIsPolledAnsweredStoppedAndResumed(Vertx vertx) {
    TelegramDouble telegram = TelegramDoubles.shared();
    // A database of its own: on the shared one, a node without a public URL would take every bot there to polling.
    TestStack node = TestStack.start(TestStack.config(TestDatabase.fresh("polling")).put(ConfigKey.PUBLIC_URL.key(), "")
      .put(ConfigKey.POLL_TIMEOUT_S.key(), 2));
    try {
      Api api = new Api(vertx, node.port);
      Api.Account owner = api.newAccount();
      long telegramId = Api.telegramId();
      String token = Api.telegramToken(telegramId);
      String id = api.post("/bots", new JsonObject().put("name", "polled").put("token", token), owner.token())
        .bodyAsJsonObject().getString("id");
      api.request(HttpMethod.PUT, "/bots/" + id + "/commands", owner.token()).sendJsonObject(new JsonObject()
        .put("commands", new JsonArray().add(new JsonObject().put("command", "start").put("description", "Start")
          .put("reply", "Polled hello")))).await();
      JsonObject bot = api.awaitWebhook(owner, id, "polling");
      assertThat(bot.getJsonObject("webhook").getValue("last_error")).isNull();
      DoubleCall removed = telegram.calls(telegramId, "deleteWebhook").get(0);
      assertThat(removed.body().getBoolean("drop_pending_updates", false)).isFalse();
      assertThat(telegram.calls(telegramId, "setWebhook")).isEmpty();

      long chat = Updates.nextId();
      telegram.queueUpdate(telegramId, Updates.text(chat, "/start"));
      Eventually.await(() -> telegram.sent(telegramId, chat), s -> s.size() == 1, WITHIN, "the polled update answered");
      assertThat(telegram.sent(telegramId, chat)).containsExactly("Polled hello");
      DoubleCall poll = telegram.calls(telegramId, "getUpdates").get(0);
      assertThat(poll.body().getJsonArray("allowed_updates").getList()).contains("message", "callback_query");
      assertThat(poll.body().getInteger("timeout")).isPositive();

      assertThat(api.patch("/bots/" + id, new JsonObject().put("is_active", false), owner.token()).statusCode()).isEqualTo(200);
      Eventually.await(() -> lastPollAnswered(telegram, telegramId), done -> done, WITHIN, "polling stopped");
      int polls = telegram.calls(telegramId, "getUpdates").size();
      telegram.queueUpdate(telegramId, Updates.text(chat, "/start"));
      sleep(2500);
      assertThat(telegram.sent(telegramId, chat)).as("an inactive bot answers nothing").hasSize(1);
      assertThat(telegram.calls(telegramId, "getUpdates")).as("nor is it polled").hasSize(polls);
      assertThat(telegram.pendingUpdates(telegramId)).as("Telegram keeps the update").isEqualTo(1);

      api.patch("/bots/" + id, new JsonObject().put("is_active", true), owner.token());
      Eventually.await(() -> telegram.sent(telegramId, chat), s -> s.size() == 2, WITHIN, "the kept update answered");
      assertThat(api.get("/bots/" + id + "/chats", owner.token()).bodyAsJsonArray()).hasSize(1);
    } finally {
      node.stop();
    }
  }

  /**
   * An update this service cannot use (here nested deeper than it reads) is stored nowhere, but
   * the offset still moves past it: the next update is fetched and answered, and getUpdates is
   * not asked for the same batch again and again.
   */
  @Test
  void anUnusableUpdateIsSkippedAndTheOffsetMovesPastIt(Vertx vertx) {
    TelegramDouble telegram = TelegramDoubles.shared();
    // A database of its own: on the shared one, a node without a public URL would take every bot there to polling.
    TestStack node = TestStack.start(TestStack.config(TestDatabase.fresh("polling")).put(ConfigKey.PUBLIC_URL.key(), "")
      .put(ConfigKey.POLL_TIMEOUT_S.key(), 2));
    try {
      Api api = new Api(vertx, node.port);
      Api.Account owner = api.newAccount();
      long telegramId = Api.telegramId();
      String id = api.post("/bots", new JsonObject().put("name", "skips").put("token", Api.telegramToken(telegramId)),
        owner.token()).bodyAsJsonObject().getString("id");
      api.request(HttpMethod.PUT, "/bots/" + id + "/commands", owner.token())
        .sendJsonObject(new JsonObject().put("commands", new JsonArray()).put("fallback_reply", "seen")).await();
      api.awaitWebhook(owner, id, "polling");
      JsonArray deep = new JsonArray();
      for (int i = 0; i < 70; i++) {
        deep = new JsonArray().add(deep);
      }
      JsonObject unusable = Updates.text(Updates.nextId(), "too deep");
      unusable.getJsonObject("message").put("x", deep);
      assertThat(telegram.queueUpdate(telegramId, unusable)).isPositive();
      Eventually.await(() -> telegram.pendingUpdates(telegramId), n -> n == 0, WITHIN, "the unusable update fetched");
      int polls = telegram.calls(telegramId, "getUpdates").size();
      sleep(2000);
      assertThat(telegram.calls(telegramId, "getUpdates").size() - polls).as("getUpdates in two seconds").isLessThan(5);

      long chat = Updates.nextId();
      telegram.queueUpdate(telegramId, Updates.text(chat, "after it"));
      Eventually.await(() -> telegram.sent(telegramId, chat), s -> s.size() == 1, WITHIN, "the next update answered");
    } finally {
      node.stop();
    }
  }

  /** True when no getUpdates of the bot is still waiting for its answer. */
  private static boolean lastPollAnswered(TelegramDouble telegram, long telegramId) {
    List<DoubleCall> polls = telegram.calls(telegramId, "getUpdates");
    return !polls.isEmpty() && polls.get(polls.size() - 1).answeredAt() != null;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
