package io.botfactory.webhook;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.OwnNode;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.telegram.DoubleFault;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token is in every Bot API URL: through a bot's whole life with Telegram failing in every
 * way, no log line (at DEBUG, Vert.x and Netty included), no answer, no {@code last_error} and no
 * metric ever carries it.
 */
@ExtendWith(VertxExtension.class)
class TokenSecrecyTest {

  /** How long a call to Telegram may take (10 s by default), so that a call that times out takes seconds here. */
  private static final int TELEGRAM_TIMEOUT_MS = 2000;

  @RegisterExtension
  static final OwnNode node = OwnNode.with(config -> config.put(ConfigKey.TELEGRAM_TIMEOUT_MS.key(), TELEGRAM_TIMEOUT_MS))
    .freshDatabase("secrecy");

  @Test
  void noTokenInLogsAnswersErrorsOrMetrics(Vertx vertx) {
    TelegramDouble telegram = TelegramDoubles.shared();
    Api api = node.api(vertx);
    Api.Account owner = api.newAccount();
    Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    root.setLevel(Level.DEBUG);
    List<String> seen = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    try {
      long telegramId = Api.telegramId();
      String token = Api.telegramToken(telegramId);
      secrets.add(token.substring(token.indexOf(':') + 1));
      telegram.when("getMe").forBot(telegramId).times(1).then(DoubleFault.badGateway());
      telegram.when("setWebhook").forBot(telegramId).times(1).then(DoubleFault.internalError());
      telegram.when("setWebhook").forBot(telegramId).times(1).then(DoubleFault.slow(TELEGRAM_TIMEOUT_MS + 1000));
      var refused = api.post("/bots", new JsonObject().put("name", "secretive").put("token", token), owner.token());
      assertThat(refused.statusCode()).as("Telegram could not check it: 503").isEqualTo(503);
      seen.add(refused.bodyAsString());
      var created = api.post("/bots", new JsonObject().put("name", "secretive").put("token", token), owner.token());
      seen.add(created.bodyAsString());
      String id = created.bodyAsJsonObject().getString("id");
      seen.add(api.awaitWebhook(owner, id, "failing").encode());
      seen.add(api.awaitWebhook(owner, id, "active").encode());

      telegram.revoke(token);
      String fresh = telegram.newToken(telegramId);
      secrets.add(fresh.substring(fresh.indexOf(':') + 1));
      api.patch("/bots/" + id, new JsonObject().put("is_active", false), owner.token());
      api.patch("/bots/" + id, new JsonObject().put("is_active", true), owner.token());
      seen.add(api.awaitWebhook(owner, id, "token_rejected").encode());
      seen.add(api.patch("/bots/" + id, new JsonObject().put("token", token), owner.token()).bodyAsString());
      seen.add(api.patch("/bots/" + id, new JsonObject().put("token", fresh), owner.token()).bodyAsString());
      seen.add(api.awaitWebhook(owner, id, "active").encode());
      seen.add(api.get("/bots/" + id + "/webhook", owner.token()).bodyAsString());
      api.delete("/bots/" + id, owner.token());
      telegram.awaitCalls(telegramId, "deleteWebhook", 2, Duration.ofSeconds(15));
      seen.add(api.get("/metrics", null).bodyAsString());
    } finally {
      root.detachAppender(logs);
      root.setLevel(before);
    }
    assertThat(logs.list).as("the run was logged at DEBUG").isNotEmpty();
    for (ILoggingEvent event : logs.list) {
      seen.add(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        seen.add(t.getClassName() + ": " + t.getMessage());
      }
    }
    for (String text : seen) {
      for (String secret : secrets) {
        assertThat(text).doesNotContain(secret);
      }
    }
  }
}
