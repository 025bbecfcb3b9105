package io.botfactory.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whose address a request is, as the access log (and the per-address throttles) see it: the
 * peer, or with BOTFACTORY_HTTP_TRUST_FORWARDED the right-most X-Forwarded-For hop that is not a
 * trusted proxy, never the left-most entry the caller wrote itself.
 */
@ExtendWith(VertxExtension.class)
class ClientAddressTest {

  private final Logger access = (Logger) LoggerFactory.getLogger("io.vertx.ext.web.handler.LoggerHandler");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @BeforeEach
  void listen() {
    appender.start();
    access.addAppender(appender);
  }

  @AfterEach
  void stopListening() {
    access.detachAppender(appender);
  }

  private static TestStack node(JsonObject settings) {
    JsonObject config = TestStack.config("postgresql://nobody@127.0.0.1:9/none").put(ConfigKey.ROLES.key(), "http");
    return TestStack.start(config.mergeIn(settings));
  }

  /** The address the access log wrote for a request carrying {@code forwardedFor} (one header per entry given). */
  private String seenAs(Vertx vertx, TestStack node, String... forwardedFor) throws InterruptedException {
    String id = "addr-" + UUID.randomUUID();
    HttpRequest<?> request = new Api(vertx, node.port).request(HttpMethod.GET, "/", null).putHeader("X-Request-Id", id);
    for (String header : forwardedFor) {
      request.headers().add("X-Forwarded-For", header);
    }
    assertThat(request.send().await().statusCode()).isEqualTo(200);
    long deadline = System.currentTimeMillis() + 5000;
    while (System.currentTimeMillis() < deadline) {
      for (ILoggingEvent event : appender.list.toArray(new ILoggingEvent[0])) {
        String line = event.getFormattedMessage();
        if (line.startsWith("[" + id + "] ")) {
          return line.split(" ")[1];
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no access-log line for " + id);
  }

  @Test
  void withoutTrustTheHeaderIsIgnored(Vertx vertx) throws InterruptedException {
    TestStack node = node(new JsonObject());
    try {
      assertThat(seenAs(vertx, node, "198.51.100.1")).isEqualTo("127.0.0.1");
    } finally {
      node.stop();
    }
  }

  @Test
  void behindOneProxyTheHopItAppendedCounts(Vertx vertx) throws InterruptedException {
    TestStack node = node(new JsonObject().put(ConfigKey.HTTP_TRUST_FORWARDED.key(), true));
    try {
      assertThat(seenAs(vertx, node, "6.6.6.6, 203.0.113.7")).isEqualTo("203.0.113.7");
      assertThat(seenAs(vertx, node, "6.6.6.6", "203.0.113.8")).as("in two headers").isEqualTo("203.0.113.8");
      assertThat(seenAs(vertx, node)).as("no header").isEqualTo("127.0.0.1");
    } finally {
      node.stop();
    }
  }

  @Test
  void behindTrustedProxiesTheFirstUntrustedHopFromTheRightCounts(Vertx vertx) throws InterruptedException {
    TestStack node = node(new JsonObject().put(ConfigKey.HTTP_TRUST_FORWARDED.key(), true)
      .put(ConfigKey.HTTP_TRUSTED_PROXIES.key(), "127.0.0.1, 10.1.0.0/16, 2001:db8::/32"));
    try {
      assertThat(seenAs(vertx, node, "6.6.6.6, 198.51.100.9, 10.1.2.3")).isEqualTo("198.51.100.9");
      assertThat(seenAs(vertx, node, "6.6.6.6, 198.51.100.9, 2001:db8::1")).isEqualTo("198.51.100.9");
      assertThat(seenAs(vertx, node, "10.1.0.1, 10.1.0.2")).as("every hop trusted").isEqualTo("10.1.0.1");
      assertThat(seenAs(vertx, node, "198.51.100.10:4711, 10.1.0.2")).as("with a port").isEqualTo("198.51.100.10");
      assertThat(seenAs(vertx, node, "not-an-address, 10.1.0.5")).as("garbage stops the walk").isEqualTo("10.1.0.5");
    } finally {
      node.stop();
    }
    TestStack bypassed = node(new JsonObject().put(ConfigKey.HTTP_TRUST_FORWARDED.key(), true)
      .put(ConfigKey.HTTP_TRUSTED_PROXIES.key(), "10.9.9.9"));
    try {
      assertThat(seenAs(vertx, bypassed, "198.51.100.11")).as("a peer that is no trusted proxy").isEqualTo("127.0.0.1");
    } finally {
      bypassed.stop();
    }
  }
}
