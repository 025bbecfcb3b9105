package io.botfactory.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.botfactory.support.Api;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through a key's whole life (created, used, listed, refused where keys are managed, revoked,
 * refused), and made-up keys beside it, no log line at DEBUG and no answer but the one that
 * creates it carries a key or its SHA-256 (hex or base64).
 */
@ExtendWith(VertxExtension.class)
class ApiKeySecrecyTest {

  @Test
  void noKeyNorItsHashInLogsOrAnswers(Vertx vertx) throws Exception {
    Api api = new Api(vertx, TestStack.shared().port);
    Api.Account owner = api.newAccount();
    List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME),
      (Logger) LoggerFactory.getLogger("io.botfactory"), (Logger) LoggerFactory.getLogger("io.vertx"));
    List<Level> before = loggers.stream().map(Logger::getLevel).toList();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    loggers.get(0).addAppender(logs);
    loggers.forEach(l -> l.setLevel(Level.DEBUG));
    List<String> seen = new ArrayList<>();
    List<String> secrets = new ArrayList<>();
    try {
      JsonObject created = api.createApiKey(owner, "secret keeper");
      String key = created.getString("key");
      String madeUp = ApiKeyGateTest.madeUpKey();
      for (String k : List.of(key, madeUp)) {
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(k.getBytes(StandardCharsets.US_ASCII));
        secrets.addAll(List.of(k.substring(4), HexFormat.of().formatHex(sha256), Base64.getEncoder().encodeToString(sha256),
          Base64.getUrlEncoder().withoutPadding().encodeToString(sha256)));
      }
      seen.add(api.get("/clients/me", key).bodyAsString());
      seen.add(api.get("/bots/me", key).bodyAsString());
      seen.add(api.get("/clients/me", madeUp).bodyAsString());
      seen.add(api.get("/clients/me/api-keys", owner.token()).bodyAsString());
      seen.add(api.get("/clients/me/api-keys", key).bodyAsString());
      seen.add(api.post("/clients/me/api-keys", new JsonObject().put("name", key), key).bodyAsString());
      seen.add(api.post("/clients/me/api-keys", new JsonObject().put("name", "x".repeat(65)), owner.token()).bodyAsString());
      seen.add(String.valueOf(api.delete("/clients/me/api-keys/" + created.getString("id"), owner.token()).bodyAsString()));
      seen.add(api.get("/clients/me", key).bodyAsString());
      seen.add(api.get("/metrics", null).bodyAsString());
    } finally {
      loggers.get(0).detachAppender(logs);
      for (int i = 0; i < loggers.size(); i++) {
        loggers.get(i).setLevel(before.get(i));
      }
    }
    assertThat(logs.list).as("the run was logged at DEBUG").isNotEmpty();
    for (ILoggingEvent event : logs.list) {
      seen.add(event.getFormattedMessage());
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        seen.add(t.getMessage());
      }
    }
    for (String text : seen) {
      for (String secret : secrets) {
        assertThat(String.valueOf(text)).doesNotContain(secret);
      }
    }
  }
}
