package io.botfactory.http;

import io.botfactory.config.ConfigKey;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.botfactory.config.AppConfig;
import io.botfactory.support.Api;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** Request ids in the access log, and CORS when an operator turns it on. */
@ExtendWith(VertxExtension.class)
class PreRoutingHandlersTest {

  @Test
  void theAccessLogCarriesTheRequestIdAndNoSecrets(Vertx vertx) throws InterruptedException {
    Logger access = (Logger) LoggerFactory.getLogger("io.vertx.ext.web.handler.LoggerHandler");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    access.addAppender(appender);
    try {
      Api api = new Api(vertx, TestStack.shared().port);
      Api.Account account = api.newAccount();
      HttpResponse<Buffer> r = api.request(HttpMethod.GET, "/bots/me", account.token())
        .putHeader("X-Request-Id", "trace-me-42").send().await();
      assertThat(r.statusCode()).isEqualTo(200);
      long deadline = System.currentTimeMillis() + 2000;
      while (appender.list.stream().noneMatch(e -> e.getFormattedMessage().contains("trace-me-42"))
        && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      String line = appender.list.stream().map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.contains("trace-me-42")).findFirst().orElseThrow();
      assertThat(line).contains("GET /bots/me 200");
      String all = String.join("\n", appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
      assertThat(all).doesNotContain(account.token()).doesNotContain(account.password());
    } finally {
      access.detachAppender(appender);
    }
  }

  @Test
  void corsAnswersOnlyTheConfiguredOrigins(Vertx vertx) {
    TestStack node = TestStack.start(TestStack.config(TestDatabase.url()).put(ConfigKey.ROLES.key(), "http")
      .put(ConfigKey.CORS_ORIGINS.key(), "https://app.example.com"));
    try {
      Api api = new Api(vertx, node.port);
      HttpResponse<Buffer> preflight = api.request(HttpMethod.OPTIONS, "/bots/me", null)
        .putHeader("Origin", "https://app.example.com").putHeader("Access-Control-Request-Method", "GET")
        .putHeader("Access-Control-Request-Headers", "authorization").send().await();
      assertThat(preflight.statusCode()).isBetween(200, 204);
      assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
      assertThat(preflight.getHeader("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");

      HttpResponse<Buffer> simple = api.request(HttpMethod.GET, "/", null).putHeader("Origin", "https://app.example.com")
        .send().await();
      assertThat(simple.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
      assertThat(simple.getHeader("Access-Control-Expose-Headers")).contains("Location");

      HttpResponse<Buffer> foreign = api.request(HttpMethod.GET, "/", null).putHeader("Origin", "https://evil.example")
        .send().await();
      assertThat(foreign.getHeader("Access-Control-Allow-Origin")).isNull();

      // Every method the API's routes take passes a preflight, PUT (a bot's commands) included.
      for (HttpMethod method : new HttpMethod[] {HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
        HttpMethod.DELETE}) {
        HttpResponse<Buffer> asked = api.request(HttpMethod.OPTIONS, "/bots/" + java.util.UUID.randomUUID() + "/commands", null)
          .putHeader("Origin", "https://app.example.com").putHeader("Access-Control-Request-Method", method.name())
          .putHeader("Access-Control-Request-Headers", "authorization,content-type").send().await();
        assertThat(asked.statusCode()).as(method.name()).isBetween(200, 204);
        assertThat(asked.getHeader("Access-Control-Allow-Origin")).as(method.name()).isEqualTo("https://app.example.com");
        assertThat(asked.getHeader("Access-Control-Allow-Methods")).as(method.name()).contains(method.name());
      }
    } finally {
      node.stop();
    }
  }
}
