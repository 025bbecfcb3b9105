package io.botfactory.integration;

import io.botfactory.bus.Addresses;
import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.Sql;
import io.botfactory.support.TestStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /bots/{id}/messages queues a message (202) for a chat that has written to the bot, and
 * tells the engine node holding the bot; GET reads it back. An Idempotency-Key makes a repeated
 * request answer the first one's message, even when the repeats race, and refuses the key with
 * another body; after 24 hours the key is new again. (Sending is the engine's: not tested here.)
 */
@ExtendWith(VertxExtension.class)
class MessagesApiTest {

  @Test
  void aMessageIsQueuedForAKnownChatAndItsHolderIsTold(Vertx vertx) {
    Api api = new Api(vertx, TestStack.shared().port);
    Api.Account owner = api.newAccount();
    String bot = api.createBot(owner, "sender").getString("id");
    String node = "test-node-" + UUID.randomUUID();
    List<JsonObject> told = new CopyOnWriteArrayList<>();
    MessageConsumer<JsonObject> holder = TestStack.shared().vertx.eventBus()
      .consumer(Addresses.ENGINE_MESSAGES.at(node).name(), m -> told.add(m.body()));
    holder.completion().await();
    try (Sql sql = new Sql(vertx)) {
      long chat = knownChat(sql, bot);
      sql.query("INSERT INTO engine_nodes (node_id, lease_until) VALUES ($1, now() + interval '1 minute')", node);
      sql.query("INSERT INTO bot_workers (bot_id, node_id, epoch) VALUES ($1, $2, 1) "
        + "ON CONFLICT (bot_id) DO UPDATE SET node_id = EXCLUDED.node_id, epoch = 1", UUID.fromString(bot), node);

      assertThat(Api.fieldMessages(api.post("/bots/" + bot + "/messages", new JsonObject().put("chat_id", chat + 1)
        .put("text", "hi"), owner.token()))).containsOnlyKeys("chat_id");
      assertThat(Api.fieldMessages(api.post("/bots/" + bot + "/messages", new JsonObject().put("chat_id", chat)
        .put("text", "😀".repeat(2049)), owner.token()))).containsOnlyKeys("text");
      assertThat(Api.fieldMessages(api.post("/bots/" + bot + "/messages", new JsonObject().put("chat_id", chat)
        .put("text", "   "), owner.token()))).containsOnlyKeys("text");

      HttpResponse<Buffer> sent = api.post("/bots/" + bot + "/messages", new JsonObject().put("chat_id", chat)
        .put("text", "Your order shipped").put("silent", true), owner.token());
      assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(202);
      JsonObject message = sent.bodyAsJsonObject();
      assertThat(message.fieldNames()).containsExactlyInAnyOrder("id", "chat_id", "status", "created_at");
      assertThat(message.getString("status")).isEqualTo("queued");
      assertThat(message.getLong("chat_id")).isEqualTo(chat);
      assertThat(sent.getHeader("Location")).isEqualTo("/bots/" + bot + "/messages/" + message.getString("id"));
      JsonObject read = api.get("/bots/" + bot + "/messages/" + message.getString("id"), owner.token()).bodyAsJsonObject();
      assertThat(read).isEqualTo(message.copy().put("sent_at", null).put("error", null));
      assertThat(sql.query("SELECT text, silent, status FROM messages WHERE id = $1", UUID.fromString(message.getString("id")))
        .iterator().next().toJson()).isEqualTo(new JsonObject().put("text", "Your order shipped").put("silent", true)
        .put("status", "queued"));
      Eventually.await(() -> told, t -> !t.isEmpty(), Duration.ofSeconds(5), "the holder told");
      assertThat(told.get(0)).isEqualTo(new JsonObject().put("bot_id", bot));
      assertThat(sql.query("SELECT count(*) FROM messages WHERE bot_id = $1", UUID.fromString(bot)).iterator().next()
        .getLong(0)).as("nothing queued by the refused requests").isEqualTo(1);
    } finally {
      holder.unregister().await();
    }
  }

  @Test
  void anIdempotencyKeyAnswersTheFirstMessageEvenWhenRepeatsRace(Vertx vertx) {
    Api api = new Api(vertx, TestStack.shared().port);
    Api.Account owner = api.newAccount();
    String bot = api.createBot(owner, "once").getString("id");
    try (Sql sql = new Sql(vertx)) {
      long chat = knownChat(sql, bot);
      JsonObject body = new JsonObject().put("chat_id", chat).put("text", "once only");
      List<Future<HttpResponse<Buffer>>> racing = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        racing.add(api.request(HttpMethod.POST, "/bots/" + bot + "/messages", owner.token())
          .putHeader("Idempotency-Key", "order-42").sendJsonObject(body));
      }
      Future.all(racing).await();
      assertThat(racing).allMatch(r -> r.result().statusCode() == 202);
      assertThat(racing.stream().map(r -> r.result().bodyAsJsonObject().getString("id")).distinct()).hasSize(1);
      assertThat(count(sql, bot)).isEqualTo(1);

      HttpResponse<Buffer> other = api.request(HttpMethod.POST, "/bots/" + bot + "/messages", owner.token())
        .putHeader("Idempotency-Key", "order-42").sendJsonObject(body.copy().put("text", "something else")).await();
      assertThat(Api.fieldMessages(other)).containsOnlyKeys("Idempotency-Key");
      HttpResponse<Buffer> malformed = api.request(HttpMethod.POST, "/bots/" + bot + "/messages", owner.token())
        .putHeader("Idempotency-Key", "with space").sendJsonObject(body).await();
      assertThat(malformed.statusCode()).isEqualTo(422);
      assertThat(count(sql, bot)).isEqualTo(1);

      sql.query("UPDATE message_keys SET created_at = now() - interval '25 hours' WHERE bot_id = $1", UUID.fromString(bot));
      HttpResponse<Buffer> later = api.request(HttpMethod.POST, "/bots/" + bot + "/messages", owner.token())
        .putHeader("Idempotency-Key", "order-42").sendJsonObject(body).await();
      assertThat(later.statusCode()).isEqualTo(202);
      assertThat(later.bodyAsJsonObject().getString("id")).isNotEqualTo(racing.get(0).result().bodyAsJsonObject().getString("id"));
      assertThat(count(sql, bot)).as("a key is new again after 24 hours").isEqualTo(2);
    }
  }

  @Test
  void nobodyButTheOwnerSendsOrReads(Vertx vertx) {
    Api api = new Api(vertx, TestStack.shared().port);
    Api.Account owner = api.newAccount();
    Api.Account stranger = api.newAccount();
    String bot = api.createBot(owner, "private").getString("id");
    try (Sql sql = new Sql(vertx)) {
      long chat = knownChat(sql, bot);
      String id = api.post("/bots/" + bot + "/messages", new JsonObject().put("chat_id", chat).put("text", "hi"), owner.token())
        .bodyAsJsonObject().getString("id");
      for (HttpResponse<Buffer> answer : List.of(
        api.post("/bots/" + bot + "/messages", new JsonObject().put("chat_id", chat).put("text", "hi"), stranger.token()),
        api.get("/bots/" + bot + "/messages/" + id, stranger.token()))) {
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.bodyAsJsonObject()).isEqualTo(new JsonObject().put("detail", "Bot not found"));
      }
      assertThat(api.get("/bots/" + bot + "/messages/" + UUID.randomUUID(), owner.token()).bodyAsJsonObject())
        .isEqualTo(new JsonObject().put("detail", "Message not found"));
      assertThat(count(sql, bot)).isEqualTo(1);
    }
  }

  /** A chat that has written to the bot, as the engine records one. */
  private static long knownChat(Sql sql, String bot) {
    long chat = 7_000_000_000L + (long) (Math.random() * 1_000_000_000L);
    sql.query("INSERT INTO chats (bot_id, chat_id, type, first_seen_at, last_seen_at) VALUES ($1, $2, 'private', now(), now())",
      UUID.fromString(bot), chat);
    return chat;
  }

  private static long count(Sql sql, String bot) {
    return sql.query("SELECT count(*) FROM messages WHERE bot_id = $1", UUID.fromString(bot)).iterator().next().getLong(0);
  }
}
