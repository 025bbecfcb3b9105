package io.botfactory.webhook;

import io.botfactory.config.ConfigKey;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.botfactory.config.AppConfig;
import io.botfactory.app.Application;
import io.botfactory.support.Api;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook worker deployed on its own (role {@code webhook} only) beside a node that runs
 * everything else: it receives every bot change and logs it at debug level, without the token.
 */
@ExtendWith(VertxExtension.class)
class WebhookWorkerTest {

  @Test
  void aWorkerDeployedByRoleReceivesEveryChange(Vertx vertx) throws InterruptedException {
    JsonObject config = TestStack.config(TestDatabase.url()).put(ConfigKey.ROLES.key(), "http,auth,storage");
    TestStack node = TestStack.start(config);
    Application worker = Application.start(node.vertx, AppConfig.from(config.copy().put(ConfigKey.ROLES.key(), "webhook")), "unused").await();

    Logger logger = (Logger) LoggerFactory.getLogger(WebhookWorkerVerticle.class);
    Level before = logger.getLevel();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.DEBUG);
    try {
      Api api = new Api(vertx, node.port);
      Api.Account owner = api.newAccount();
      String token = Api.telegramToken(Api.telegramId());
      String id = api.post("/bots", new JsonObject().put("name", "watched").put("token", token), owner.token())
        .bodyAsJsonObject().getString("id");
      api.patch("/bots/" + id, new JsonObject().put("name", "watched again"), owner.token());
      api.delete("/bots/" + id, owner.token());

      List<String> lines = awaitLines(appender, id, 3);
      assertThat(lines).hasSize(3);
      assertThat(lines.get(0)).startsWith("bot.created");
      assertThat(lines.get(1)).startsWith("bot.updated");
      assertThat(lines.get(2)).startsWith("bot.deleted");
      assertThat(String.join("\n", lines)).doesNotContain(token.substring(token.indexOf(':') + 1));
      assertThat(appender.list).allMatch(e -> e.getLevel() == Level.DEBUG);
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(before);
      worker.stop().await();
      node.stop();
    }
  }

  private static List<String> awaitLines(ListAppender<ILoggingEvent> appender, String botId, int count) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    List<String> lines = List.of();
    while (System.currentTimeMillis() < deadline) {
      lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(l -> l.contains(botId))
        .collect(Collectors.toList());
      if (lines.size() >= count) {
        break;
      }
      Thread.sleep(20);
    }
    return lines;
  }
}
