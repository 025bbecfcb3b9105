package io.botfactory.http;

import io.botfactory.audience.AudienceVerticle;
import io.botfactory.bots.BotStoreVerticle;
import io.botfactory.bots.WebhookViewThrottle;
import io.botfactory.bus.Addresses;
import io.botfactory.config.AppConfig;
import io.botfactory.config.ConfigKey;
import io.botfactory.inbox.InboxVerticle;
import io.botfactory.integration.IntegrationVerticle;
import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /health/ready} names the audience and integration services among the checks of an HTTP
 * node, and follows them: an HTTP and auth node, with the real storage services deployed and
 * undeployed beside it one by one, is ready only while every one answers, and says which one is
 * missing or silent with a 503, never a 500.
 */
@ExtendWith(VertxExtension.class)
class ReadinessTest {

  private static final Duration WITHIN = Duration.ofSeconds(10);

  @Test
  void readyOnlyWhileTheAudienceAndIntegrationServicesAnswerToo(Vertx vertx) {
    TestStack node = TestStack.start(TestStack.config(TestDatabase.url()).put(ConfigKey.ROLES.key(), "http,auth"));
    try {
      Api api = new Api(vertx, node.port);
      AppConfig config = node.app.config();
      long drain = config.bus().timeoutMs();
      assertThat(awaitDown(api, 4)).containsOnlyKeys("storage-service", "inbox-service", "audience-service",
        "integration-service").containsValue("no node runs this service");

      deploy(node, new BotStoreVerticle(config.db(), config.tokenKey(), config.telegram(),
        new WebhookViewThrottle(config.telegram().webhookViewsPerMinute()), drain));
      deploy(node, new InboxVerticle(config.db(), drain));
      String integration = deploy(node, new IntegrationVerticle(config.db(), config.tokenKey(), false, drain));
      assertThat(awaitDown(api, 1)).as("the audience service is not deployed")
        .containsExactly(Map.entry("audience-service", "no node runs this service"));

      deploy(node, new AudienceVerticle(config.db(), drain));
      assertThat(awaitDown(api, 0)).isEmpty();

      node.vertx.undeploy(integration).await();
      assertThat(awaitDown(api, 1)).as("the integration service is gone")
        .containsExactly(Map.entry("integration-service", "no node runs this service"));

      MessageConsumer<Object> silent = node.vertx.eventBus().consumer(Addresses.INTEGRATION_HEALTH.name(), message -> {
      });
      silent.completion().await();
      assertThat(awaitDown(api, 1)).as("an integration service that does not answer")
        .containsExactly(Map.entry("integration-service", "the service did not answer in time"));
      silent.unregister().await();

      deploy(node, new IntegrationVerticle(config.db(), config.tokenKey(), false, drain));
      assertThat(awaitDown(api, 0)).isEmpty();
    } finally {
      node.stop();
    }
  }

  private static String deploy(TestStack node, Deployable service) {
    return node.vertx.deployVerticle(service).await();
  }

  /**
   * Waits until {@code /health/ready} reports {@code down} checks DOWN (200 when none, 503
   * otherwise: never anything else); answers each DOWN check's reason by its name.
   */
  private static Map<String, String> awaitDown(Api api, int down) {
    return Eventually.await(() -> {
      HttpResponse<Buffer> ready = api.get("/health/ready", null);
      assertThat(ready.statusCode()).as(ready.bodyAsString()).isIn(200, 503);
      Map<String, String> failing = new TreeMap<>();
      ready.bodyAsJsonObject().getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(check -> "DOWN".equals(check.getString("status")))
        .forEach(check -> failing.put(check.getString("id"), check.getJsonObject("data").getString("reason")));
      assertThat(ready.statusCode()).as(ready.bodyAsString()).isEqualTo(failing.isEmpty() ? 200 : 503);
      return failing;
    }, failing -> failing.size() == down, WITHIN, down + " check(s) down");
  }
}
