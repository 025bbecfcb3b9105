package io.botfactory.bots;

import io.botfactory.bus.Addresses;
import io.botfactory.support.Api;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The storage service on the bus: one {@code bots.events} event per committed change, never
 * one for a failed change, never a token; and {@code bots.token} for workers.
 */
@ExtendWith(VertxExtension.class)
class BotEventsTest {

  private TestStack stack;
  private Api api;
  private Api.Account owner;
  private MessageConsumer<JsonObject> consumer;
  private final List<JsonObject> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    stack = TestStack.shared();
    api = new Api(vertx, stack.port);
    owner = api.newAccount();
    consumer = stack.vertx.eventBus().consumer(Addresses.BOTS_EVENTS, m -> {
      if (owner.id().equals(m.body().getJsonObject("bot").getString("client_id"))) {
        events.add(m.body());
      }
    });
    consumer.completion().await();
  }

  @AfterEach
  void tearDown() {
    consumer.unregister().await();
  }

  @Test
  void everyChangePublishesExactlyOneEventWithoutTheToken() throws InterruptedException {
    String token = Api.telegramToken(Api.telegramId());
    JsonObject created = api.post("/bots", new JsonObject().put("name", "evented").put("token", token), owner.token())
      .bodyAsJsonObject();
    String path = "/bots/" + created.getString("id");
    JsonObject updated = api.patch(path, new JsonObject().put("is_active", false), owner.token()).bodyAsJsonObject();
    assertThat(api.delete(path, owner.token()).statusCode()).isEqualTo(204);

    awaitEvents(3);
    Thread.sleep(200); // nothing more may follow
    assertThat(events).hasSize(3);
    assertThat(events).extracting(e -> e.getString("type")).containsExactly("bot.created", "bot.updated", "bot.deleted");
    assertThat(events.get(0).getJsonObject("bot")).isEqualTo(created);
    assertThat(events.get(1).getJsonObject("bot")).isEqualTo(updated);
    assertThat(events.get(2).getJsonObject("bot")).isEqualTo(updated);
    for (JsonObject event : events) {
      assertThat(event.fieldNames()).containsExactlyInAnyOrder("type", "bot", "occurred_at");
      assertThat(event.getString("occurred_at")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
      assertThat(event.encode()).doesNotContain(token.substring(token.indexOf(':') + 1));
      assertThat(event.getJsonObject("bot").containsKey("token")).isFalse();
    }
  }

  @Test
  void failedChangesPublishNothing() throws InterruptedException {
    JsonObject bot = api.createBot(owner, "stable");
    awaitEvents(1);
    Api.Account stranger = api.newAccount();
    String path = "/bots/" + bot.getString("id");
    assertThat(api.post("/bots", new JsonObject().put("name", "dup").put("token", Api.telegramToken(bot.getLong("telegram_bot_id"))),
      owner.token()).statusCode()).isEqualTo(409);
    assertThat(api.patch(path, new JsonObject().put("token", Api.telegramToken(Api.telegramId())), owner.token()).statusCode())
      .isEqualTo(422);
    assertThat(api.patch(path, new JsonObject().put("name", "x"), stranger.token()).statusCode()).isEqualTo(404);
    assertThat(api.delete(path, stranger.token()).statusCode()).isEqualTo(404);
    Thread.sleep(300);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getString("type")).isEqualTo("bot.created");
  }

  @Test
  void tokenAddressGivesWorkersTheStoredTokenAndFollowsAPatch() {
    long telegramId = Api.telegramId();
    String original = Api.telegramToken(telegramId);
    String id = api.post("/bots", new JsonObject().put("name", "worker-visible").put("token", original), owner.token())
      .bodyAsJsonObject().getString("id");

    JsonObject reply = askToken(id);
    assertThat(reply).isEqualTo(new JsonObject().put("bot_id", id).put("telegram_bot_id", telegramId).put("token", original));

    String replacement = Api.telegramToken(telegramId);
    assertThat(api.patch("/bots/" + id, new JsonObject().put("token", replacement), owner.token()).statusCode()).isEqualTo(200);
    assertThat(askToken(id).getString("token")).isEqualTo(replacement);

    assertThatThrownBy(() -> askToken(UUID.randomUUID().toString()))
      .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureCode()).isEqualTo(404));
    assertThatThrownBy(() -> askToken("nope"))
      .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureCode()).isEqualTo(404));
  }

  private JsonObject askToken(String botId) {
    return stack.vertx.eventBus().<JsonObject>request(Addresses.BOTS_TOKEN.name(), new JsonObject().put("bot_id", botId))
      .await().body();
  }

  private void awaitEvents(int count) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    while (events.size() < count && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(events).hasSizeGreaterThanOrEqualTo(count);
  }
}
