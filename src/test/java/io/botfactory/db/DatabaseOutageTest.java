package io.botfactory.db;

import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.botfactory.support.Updates;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stops under a running node: every route that needs it answers 503 fast, readiness
 * says which checks fail, the rest keeps answering; PostgreSQL comes back on the same port and
 * the node recovers by itself.
 */
@ExtendWith(VertxExtension.class)
class DatabaseOutageTest {

  private static final JsonObject UNAVAILABLE = new JsonObject().put("detail", "Service temporarily unavailable");

  @Test
  void outageIs503WithinTwoSecondsAndRecoveryNeedsNoRestart(Vertx vertx, @TempDir Path dir) throws InterruptedException {
    String password = TestDatabase.password();
    EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("pg"), password, false);
    int port = database.port();
    TestStack node = TestStack.start(TestStack.config(database.url()));
    try {
      Api api = new Api(vertx, node.port);
      Api.Account account = api.newAccount();
      JsonObject created = api.createBot(account, "before the outage");
      String botId = created.getString("id");
      long telegramId = created.getLong("telegram_bot_id");
      api.request(io.vertx.core.http.HttpMethod.PUT, "/bots/" + botId + "/commands", account.token())
        .sendJsonObject(new JsonObject().put("commands", new io.vertx.core.json.JsonArray()).put("fallback_reply", "pong"))
        .await();
      JsonObject bot = api.awaitWebhook(account, botId, "active");
      long chat = Updates.nextId();
      JsonObject update = Updates.text(chat, "ping");

      database.close();

      // Telegram's delivery cannot be stored: 503 with Retry-After, so that Telegram delivers it again.
      assertFast503(() -> deliver(api, botId, update));

      assertFast503(() -> api.get("/bots/me", account.token()));
      assertFast503(() -> api.get("/bots/" + bot.getString("id"), account.token()));
      assertFast503(() -> api.get("/clients/me", account.token()));
      assertFast503(() -> api.post("/bots", new JsonObject().put("name", "during")
        .put("token", Api.telegramToken(Api.telegramId())), account.token()));
      assertFast503(() -> api.login(account.email(), account.password()));
      assertFast503(() -> api.register("new-" + System.nanoTime() + "@example.com", "password-123", null));

      HttpResponse<Buffer> ready = api.get("/health/ready", null);
      assertThat(ready.statusCode()).isEqualTo(503);
      JsonObject health = ready.bodyAsJsonObject();
      assertThat(health.getString("status")).isEqualTo("DOWN");
      assertThat(health.getJsonArray("checks").stream().map(c -> (JsonObject) c)
        .filter(c -> c.getString("status").equals("DOWN")).map(c -> c.getString("id")))
        .containsExactlyInAnyOrder("auth-service", "storage-service", "inbox-service", "audience-service",
        "integration-service");
      assertThat(api.get("/health/live", null).statusCode()).isEqualTo(200);
      assertThat(api.get("/metrics", null).statusCode()).isEqualTo(200);
      assertThat(api.get("/", null).statusCode()).isEqualTo(200);

      database = EmbeddedDatabase.start(dir.resolve("pg"), password, false, port);

      long deadline = System.currentTimeMillis() + 15_000;
      int status = 0;
      while (System.currentTimeMillis() < deadline && status != 200) {
        status = api.get("/bots/me", account.token()).statusCode();
        if (status != 200) {
          Thread.sleep(200);
        }
      }
      assertThat(status).as("recovered without a restart").isEqualTo(200);
      assertThat(api.get("/bots/me", account.token()).bodyAsJsonArray()).containsExactly(bot);
      assertThat(api.login(account.email(), account.password()).statusCode()).isEqualTo(200);
      assertThat(api.get("/health/ready", null).statusCode()).isEqualTo(200);

      // Telegram's redelivery, twice: stored once, answered once.
      assertThat(deliver(api, botId, update).statusCode()).isEqualTo(200);
      assertThat(deliver(api, botId, update).statusCode()).isEqualTo(200);
      TelegramDouble telegram = TelegramDoubles.shared();
      Eventually.await(() -> telegram.sent(telegramId, chat), sent -> sent.size() == 1, Duration.ofSeconds(15), "the reply");
      Thread.sleep(1000);
      assertThat(telegram.sent(telegramId, chat)).containsExactly("pong");
    } finally {
      node.stop();
      database.close();
    }
  }

  private static HttpResponse<Buffer> deliver(Api api, String botId, JsonObject update) {
    return api.client.post("/telegram/webhook/" + botId).putHeader("X-Telegram-Bot-Api-Secret-Token", Updates.secret(botId))
      .sendJsonObject(update).await();
  }

  private static void assertFast503(Supplier<HttpResponse<Buffer>> call) {
    long start = System.nanoTime();
    HttpResponse<Buffer> r = call.get();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(503);
    assertThat(r.bodyAsJsonObject()).isEqualTo(UNAVAILABLE);
    assertThat(r.getHeader("Retry-After")).isNotNull();
    assertThat(millis).as("answered in %d ms", millis).isLessThan(2000);
  }
}
