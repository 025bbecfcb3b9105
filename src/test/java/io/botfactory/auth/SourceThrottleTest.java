package io.botfactory.auth;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.OwnNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-address login limit (here 3) behind one proxy, which appends the address it saw to
 * X-Forwarded-For: the caller cannot escape it by writing addresses of its own in front, nor by
 * moving around its IPv6 /64.
 */
@ExtendWith(VertxExtension.class)
class SourceThrottleTest {

  /** Auth alone is under test: no webhook role, so nothing of the shared database is taken or made due. */
  @RegisterExtension
  static final OwnNode node = OwnNode.with(config -> config
    .put(ConfigKey.LOGIN_MAX_FAILURES_PER_SOURCE.key(), 3)
    .put(ConfigKey.HTTP_TRUST_FORWARDED.key(), true))
    .roles("http,auth,storage");

  private Api api;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = node.api(vertx);
  }

  private int failedLogin(String forwardedFor) {
    Future<HttpResponse<Buffer>> r = api.client.post("/auth/token").putHeader("X-Forwarded-For", forwardedFor)
      .sendForm(MultiMap.caseInsensitiveMultiMap().add("username", "nobody-" + UUID.randomUUID() + "@example.com")
        .add("password", "wrong"));
    return r.await().statusCode();
  }

  private static String randomIpv4() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return r.nextInt(1, 224) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
  }

  @Test
  void addressesWrittenInFrontOfTheProxysDoNotCount() {
    String caller = "203.0.113." + ThreadLocalRandom.current().nextInt(1, 255);
    for (int i = 0; i < 3; i++) {
      assertThat(failedLogin(randomIpv4() + ", " + randomIpv4() + ", " + caller)).isEqualTo(401);
    }
    assertThat(failedLogin(randomIpv4() + ", " + caller)).isEqualTo(429);
    assertThat(failedLogin(caller)).isEqualTo(429);
  }

  @Test
  void anIpv6CallerCountsWithItsWholeSlash64() {
    String prefix = String.format("2001:db8:%x:%x:", ThreadLocalRandom.current().nextInt(65536), ThreadLocalRandom.current().nextInt(65536));
    for (int i = 1; i <= 3; i++) {
      assertThat(failedLogin(prefix + ":" + Integer.toHexString(i))).isEqualTo(401);
    }
    assertThat(failedLogin(prefix + "dead:beef:0:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(65536))))
      .as("another address of the same /64").isEqualTo(429);
    assertThat(failedLogin("[" + prefix + ":99]:4711")).as("written with a port").isEqualTo(429);
    String neighbour = prefix.replaceFirst("2001:db8:", "2001:db9:");
    assertThat(failedLogin(neighbour + ":1")).as("another /64").isEqualTo(401);
  }
}
