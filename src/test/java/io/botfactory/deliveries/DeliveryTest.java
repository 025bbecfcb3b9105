package io.botfactory.deliveries;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.OwnNode;
import io.botfactory.support.Sql;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.Updates;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.botfactory.deliveries.OwnerEndpoints.create;
import static io.botfactory.deliveries.OwnerEndpoints.deliveries;
import static io.botfactory.deliveries.OwnerEndpoints.path;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events delivered to owners' endpoints by the delivery workers, end to end: an update answered,
 * its event written with the outcome, signed and posted to a receiver on the loopback. Signatures
 * are checked by the Standard Webhooks reference library (node), not by our signer; a failing
 * endpoint is retried on the schedule, then failed, then replayed; a hanging, slow or redirecting
 * endpoint is handled as the contract says while replies and other endpoints go on; five days of
 * failures disable an endpoint. A node of its own, on a database of its own (no other node's
 * workers take its deliveries), allowed plain http and the loopback (the receiver's).
 */
@ExtendWith(VertxExtension.class)
class DeliveryTest {

  private static final Duration WITHIN = Duration.ofSeconds(20);

  @RegisterExtension
  static final OwnNode node = OwnNode.with(config -> config
    .put(ConfigKey.ENDPOINTS_ALLOW_HTTP.key(), true)
    .put(ConfigKey.ENDPOINTS_ALLOW_PRIVATE.key(), true)
    .put(ConfigKey.DELIVERY_RETRY_MS.key(), "300,300,300")
    .put(ConfigKey.DELIVERY_TIMEOUT_MS.key(), 1500)
    .put(ConfigKey.DELIVERY_SWEEP_MS.key(), 200))
    .freshDatabase("deliveries");

  @Test
  void deliveriesAreSignedAsTheStandardSaysBothSecretsWhileRotating(Vertx vertx) {
    Api api = node.api(vertx);
    Api.Account owner = api.newAccount();
    String bot = Updates.answeringBot(api, owner, "signed", "ok").getString("id");
    try (Receiver receiver = new Receiver(vertx); Sql sql = node.sql(vertx)) {
      JsonObject endpoint = create(api, owner, bot, receiver.url("/signed"));
      long user = Updates.nextId();
      for (int i = 0; i < 3; i++) {
        Updates.deliver(api, bot, Updates.text(user, "hello " + i));
      }
      Eventually.await(() -> receiver.at("/signed").size(), n -> n == 3, WITHIN, "three deliveries");
      List<Receiver.Request> received = receiver.at("/signed");
      String secret = endpoint.getString("secret");
      assertThat(StandardWebhooks.verify(received.stream().map(r -> StandardWebhooks.delivery(secret, r)).toList()))
        .allMatch(result -> result.getBoolean("ok"));
      for (Receiver.Request request : received) {
        assertThat(request.header("content-type")).isEqualTo("application/json");
        String body = sql.query("SELECT body FROM events WHERE id = $1", UUID.fromString(request.header("webhook-id")))
          .iterator().next().getString(0);
        assertThat(request.body()).isEqualTo(body);
        assertThat(new JsonObject(body).getString("type")).isEqualTo("message.received");
        assertThat(Long.parseLong(request.header("webhook-timestamp"))).isCloseTo(Instant.now().getEpochSecond(),
          org.assertj.core.data.Offset.offset(30L));
      }
      Receiver.Request tampered = new Receiver.Request("/signed", received.get(0).headers(),
        received.get(0).body().replace("hello", "HELLO"), 0);
      assertThat(StandardWebhooks.verify(List.of(StandardWebhooks.delivery(secret, tampered))).get(0).getBoolean("ok"))
        .as("the library refuses a body that was changed").isFalse();

      String rotated = api.post("/bots/" + bot + "/endpoints/" + endpoint.getString("id") + "/rotate-secret",
        new JsonObject(), owner.token()).bodyAsJsonObject().getString("secret");
      Updates.deliver(api, bot, Updates.text(user, "after the rotation"));
      Eventually.await(() -> receiver.at("/signed").size(), n -> n == 4, WITHIN, "the fourth delivery");
      Receiver.Request last = receiver.at("/signed").get(3);
      assertThat(last.header("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
      assertThat(StandardWebhooks.verify(List.of(StandardWebhooks.delivery(secret, last),
        StandardWebhooks.delivery(rotated, last)))).allMatch(result -> result.getBoolean("ok"));
    }
  }

  @Test
  void aFailingEndpointIsRetriedOnTheScheduleThenFailedAndSentAgain(Vertx vertx) {
    Api api = node.api(vertx);
    Api.Account owner = api.newAccount();
    String bot = Updates.answeringBot(api, owner, "failing", "ok").getString("id");
    try (Receiver receiver = new Receiver(vertx)) {
      receiver.answer("/down", n -> Receiver.Answer.of(n <= 4 ? 503 : 200));
      String path = path(bot, create(api, owner, bot, receiver.url("/down")));
      String since = java.time.OffsetDateTime.now().minusMinutes(1).toString();
      Updates.deliver(api, bot, Updates.text(Updates.nextId(), "will fail"));
      JsonObject failed = Eventually.await(() -> deliveries(api, owner, path), l -> l.size() == 1
        && l.getJsonObject(0).getString("status").equals("failed"), WITHIN, "the delivery failed").getJsonObject(0);
      assertThat(failed.getInteger("attempts")).as("the first attempt and three retries").isEqualTo(4);
      assertThat(failed.getInteger("last_status_code")).isEqualTo(503);
      assertThat(failed.getString("last_error")).isEqualTo("answered 503");
      assertThat(failed.getValue("next_attempt_at")).isNull();
      List<Receiver.Request> attempts = receiver.at("/down");
      assertThat(attempts).hasSize(4);
      assertThat(attempts.stream().map(r -> r.header("webhook-id")).distinct()).containsExactly(failed.getString("event_id"));
      for (int i = 1; i < attempts.size(); i++) {
        assertThat(attempts.get(i).receivedAtMs() - attempts.get(i - 1).receivedAtMs()).as("the retry's wait").isGreaterThanOrEqualTo(250);
      }

      HttpResponse<Buffer> replay = api.post(path + "/replay", new JsonObject().put("since", since), owner.token());
      assertThat(replay.statusCode()).as(replay.bodyAsString()).isEqualTo(202);
      assertThat(replay.bodyAsJsonObject().getInteger("replayed")).isEqualTo(1);
      JsonObject delivered = Eventually.await(() -> deliveries(api, owner, path).getJsonObject(0),
        d -> d.getString("status").equals("delivered"), WITHIN, "delivered once replayed");
      assertThat(delivered.getInteger("attempts")).isEqualTo(5);
      assertThat(delivered.getString("delivered_at")).isNotNull();

      HttpResponse<Buffer> retry = api.post(path + "/deliveries/" + delivered.getString("id") + "/retry", new JsonObject(),
        owner.token());
      assertThat(retry.statusCode()).as(retry.bodyAsString()).isEqualTo(202);
      Eventually.await(() -> receiver.at("/down").size(), n -> n == 6, WITHIN, "sent once more on retry");
      assertThat(deliveries(api, owner, path + "?status=failed")).isEmpty();
    }
  }

  @Test
  void hangingSlowAndRedirectingEndpointsHoldUpNeitherRepliesNorOtherEndpoints(Vertx vertx) {
    Api api = node.api(vertx);
    Api.Account owner = api.newAccount();
    JsonObject created = Updates.answeringBot(api, owner, "patient", "ok");
    String bot = created.getString("id");
    try (Receiver receiver = new Receiver(vertx)) {
      receiver.answer("/hang", n -> Receiver.HANG);
      receiver.answer("/slow", n -> new Receiver.Answer(200, 700));
      receiver.answer("/moved", n -> Receiver.Answer.of(302));
      String hang = path(bot, create(api, owner, bot, receiver.url("/hang")));
      create(api, owner, bot, receiver.url("/slow"));
      String moved = path(bot, create(api, owner, bot, receiver.url("/moved")));
      create(api, owner, bot, receiver.url("/fast"));
      long user = Updates.nextId();
      long started = System.currentTimeMillis();
      for (int i = 0; i < 8; i++) {
        Updates.deliver(api, bot, Updates.text(user + i, "burst " + i));
      }
      for (int i = 0; i < 8; i++) {
        long chat = user + i;
        Eventually.await(() -> TelegramDoubles.shared().sent(created.getLong("telegram_bot_id"), chat), s -> !s.isEmpty(),
          Duration.ofSeconds(5), "the reply to chat " + chat);
      }
      Eventually.await(() -> receiver.at("/fast").size(), n -> n == 8, Duration.ofSeconds(5), "every event at the fast endpoint");
      assertThat(System.currentTimeMillis() - started).as("replies and the fast endpoint did not wait for the hanging one")
        .isLessThan(5000);
      // At least once: an answer slower than the deadline on a loaded machine is sent again, under the same webhook-id.
      Eventually.await(() -> receiver.at("/slow").stream().map(r -> r.header("webhook-id")).distinct().count(),
        n -> n == 8, WITHIN, "every event at the slow endpoint");

      JsonArray hung = Eventually.await(() -> deliveries(api, owner, hang), l -> l.stream().map(JsonObject.class::cast)
        .anyMatch(d -> d.getInteger("attempts") >= 1), WITHIN, "a timed-out attempt");
      JsonObject timedOut = hung.stream().map(JsonObject.class::cast).filter(d -> d.getInteger("attempts") >= 1).findFirst()
        .orElseThrow();
      assertThat(timedOut.getString("last_error")).isEqualTo("no answer within 1500 ms");
      assertThat(timedOut.getValue("last_status_code")).isNull();

      JsonObject redirected = Eventually.await(() -> deliveries(api, owner, moved).getJsonObject(0),
        d -> d.getInteger("attempts") >= 1, WITHIN, "a redirected attempt");
      assertThat(redirected.getInteger("last_status_code")).isEqualTo(302);
      assertThat(redirected.getString("status")).isNotEqualTo("delivered");
      assertThat(receiver.at("/redirected")).as("the redirect is never followed").isEmpty();
    }
  }

  @Test
  void anEndpointFailingForFiveDaysIsDisabled(Vertx vertx) {
    Api api = node.api(vertx);
    Api.Account owner = api.newAccount();
    String bot = Updates.answeringBot(api, owner, "gone", "ok").getString("id");
    try (Receiver receiver = new Receiver(vertx); Sql sql = node.sql(vertx)) {
      receiver.answer("/gone", n -> Receiver.Answer.of(410));
      String id = create(api, owner, bot, receiver.url("/gone")).getString("id");
      sql.query("UPDATE endpoints SET failing_since = now() - interval '5 days 1 minute' WHERE id = $1", UUID.fromString(id));
      Updates.deliver(api, bot, Updates.text(Updates.nextId(), "anyone there?"));
      JsonObject endpoint = Eventually.await(() -> api.get("/bots/" + bot + "/endpoints/" + id, owner.token()).bodyAsJsonObject(),
        e -> e.getString("status").equals("disabled"), WITHIN, "the endpoint disabled");
      assertThat(endpoint.getString("disabled_reason")).isEqualTo("Every delivery failed for 5 days");
      assertThat(receiver.at("/gone")).hasSize(1);
    }
  }


}
