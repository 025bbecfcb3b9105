package io.botfactory.integration;

import io.botfactory.support.Api;
import io.botfactory.support.Sql;
import io.botfactory.support.TestStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A bot's event endpoints for its owner: created with a secret shown once and stored only sealed,
 * read, changed, disabled and enabled again, their secret rotated (the old one kept a day),
 * deleted; never more than ten, however many creates race; URLs and events as the contract
 * allows them, every refusal naming its field; and nothing of it for anyone but the owner.
 */
@ExtendWith(VertxExtension.class)
class EndpointsApiTest {

  /** Resolves to the loopback: the shared node's delivery workers refuse it without connecting. */
  static final String URL = "https://localhost/hooks/botfactory";

  @Test
  void anEndpointIsCreatedWithItsSecretOnceAndReadWithout(Vertx vertx) {
    Api api = new Api(vertx, TestStack.shared().port);
    Api.Account owner = api.newAccount();
    String bot = api.createBot(owner, "hooks").getString("id");
    HttpResponse<Buffer> created = api.post("/bots/" + bot + "/endpoints", new JsonObject().put("url", URL)
      .put("events", new JsonArray().add("message.received").add("subscriber.joined").add("message.received"))
      .put("description", "CRM"), owner.token());
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    JsonObject endpoint = created.bodyAsJsonObject();
    String id = endpoint.getString("id");
    assertThat(created.getHeader("Location")).isEqualTo("/bots/" + bot + "/endpoints/" + id);
    String secret = endpoint.getString("secret");
    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
    assertThat(endpoint.getJsonArray("events")).containsExactly("message.received", "subscriber.joined");
    assertThat(endpoint.getString("status")).isEqualTo("enabled");
    assertThat(endpoint.getValue("disabled_reason")).isNull();
    assertThat(endpoint.getString("description")).isEqualTo("CRM");

    JsonObject read = api.get("/bots/" + bot + "/endpoints/" + id, owner.token()).bodyAsJsonObject();
    JsonObject withoutSecret = endpoint.copy();
    withoutSecret.remove("secret");
    assertThat(read).isEqualTo(withoutSecret);
    assertThat(api.get("/bots/" + bot + "/endpoints", owner.token()).bodyAsJsonArray()).containsExactly(withoutSecret);
    try (Sql sql = new Sql(vertx)) {
      Row row = sql.query("SELECT e::text AS all_columns FROM endpoints e WHERE id = $1", UUID.fromString(id)).iterator().next();
      assertThat(row.getString("all_columns")).doesNotContain(secret.substring(6), secret.substring(6, 20));
    }
  }

  @Test
  void urlsAndEventsAreCheckedNamingTheField(Vertx vertx) {
    Api api = new Api(vertx, TestStack.shared().port);
    Api.Account owner = api.newAccount();
    String bot = api.createBot(owner, "strict").getString("id");
    List<String> refused = List.of("http://localhost/plain", "https://user:pass@localhost/x", "ftp://localhost/x",
      "https:///no-host", "not a url", "https://localhost/" + "a".repeat(2040));
    for (String url : refused) {
      HttpResponse<Buffer> r = api.post("/bots/" + bot + "/endpoints", new JsonObject().put("url", url)
        .put("events", new JsonArray().add("message.received")), owner.token());
      assertThat(Api.fieldMessages(r)).as(url).containsOnlyKeys("url");
      assertThat(r.bodyAsString()).doesNotContain("pass@");
    }
    for (JsonArray events : List.of(new JsonArray(), new JsonArray().add("bot.created"), new JsonArray().add(3))) {
      HttpResponse<Buffer> r = api.post("/bots/" + bot + "/endpoints", new JsonObject().put("url", URL).put("events", events),
        owner.token());
      assertThat(Api.fieldMessages(r).keySet()).as(events.encode()).isNotEmpty().allMatch(k -> k.startsWith("events"));
    }
    HttpResponse<Buffer> longDescription = api.post("/bots/" + bot + "/endpoints", new JsonObject().put("url", URL)
      .put("events", new JsonArray().add("message.received")).put("description", "d".repeat(513)), owner.token());
    assertThat(Api.fieldMessages(longDescription)).containsOnlyKeys("description");
    assertThat(api.get("/bots/" + bot + "/endpoints", owner.token()).bodyAsJsonArray()).isEmpty();
  }

  @Test
  void fifteenConcurrentCreatesMakeTenEndpoints(Vertx vertx) {
    Api api = new Api(vertx, TestStack.shared().port);
    Api.Account owner = api.newAccount();
    String bot = api.createBot(owner, "ten").getString("id");
    List<Future<HttpResponse<Buffer>>> creates = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      creates.add(api.request(HttpMethod.POST, "/bots/" + bot + "/endpoints", owner.token())
        .sendJsonObject(new JsonObject().put("url", URL + "/" + i).put("events", new JsonArray().add("message.sent"))));
    }
    Future.all(creates).await();
    long ok = creates.stream().filter(f -> f.result().statusCode() == 201).count();
    long conflicts = creates.stream().filter(f -> f.result().statusCode() == 409).count();
    assertThat(ok).isEqualTo(10);
    assertThat(conflicts).isEqualTo(5);
    assertThat(api.get("/bots/" + bot + "/endpoints", owner.token()).bodyAsJsonArray()).hasSize(10);
  }

  @Test
  void anEndpointIsChangedDisabledEnabledRotatedAndDeleted(Vertx vertx) {
    Api api = new Api(vertx, TestStack.shared().port);
    Api.Account owner = api.newAccount();
    String bot = api.createBot(owner, "steer").getString("id");
    JsonObject created = create(api, owner, bot);
    String path = "/bots/" + bot + "/endpoints/" + created.getString("id");
    JsonObject changed = api.patch(path, new JsonObject().put("url", URL + "/v2")
      .put("events", new JsonArray().add("broadcast.finished")).put("description", null), owner.token()).bodyAsJsonObject();
    assertThat(changed.getString("url")).isEqualTo(URL + "/v2");
    assertThat(changed.getJsonArray("events")).containsExactly("broadcast.finished");
    assertThat(changed.getValue("description")).isNull();
    assertThat(Api.fieldMessages(api.patch(path, new JsonObject().put("url", "http://localhost/x"), owner.token())))
      .containsOnlyKeys("url");

    JsonObject disabled = api.patch(path, new JsonObject().put("status", "disabled"), owner.token()).bodyAsJsonObject();
    assertThat(disabled.getString("status")).isEqualTo("disabled");
    assertThat(disabled.getString("disabled_reason")).isEqualTo("Disabled by its owner");
    try (Sql sql = new Sql(vertx)) {
      UUID id = UUID.fromString(created.getString("id"));
      sql.query("UPDATE endpoints SET failing_since = now() - interval '6 days' WHERE id = $1", id);
      JsonObject enabled = api.patch(path, new JsonObject().put("status", "enabled"), owner.token()).bodyAsJsonObject();
      assertThat(enabled.getString("status")).isEqualTo("enabled");
      assertThat(enabled.getValue("disabled_reason")).isNull();
      assertThat(sql.query("SELECT failing_since FROM endpoints WHERE id = $1", id).iterator().next().getValue(0)).isNull();

      Row before = sql.query("SELECT secret_ciphertext FROM endpoints WHERE id = $1", id).iterator().next();
      HttpResponse<Buffer> rotated = api.post(path + "/rotate-secret", new JsonObject(), owner.token());
      assertThat(rotated.statusCode()).as(rotated.bodyAsString()).isEqualTo(200);
      String secret = rotated.bodyAsJsonObject().getString("secret");
      assertThat(secret).startsWith("whsec_").isNotEqualTo(created.getString("secret"));
      Row after = sql.query("SELECT previous_ciphertext, previous_until FROM endpoints WHERE id = $1", id).iterator().next();
      assertThat(after.getBuffer("previous_ciphertext")).isEqualTo(before.getBuffer("secret_ciphertext"));
      assertThat(after.getOffsetDateTime("previous_until")).isCloseTo(OffsetDateTime.now().plusHours(24), within(Duration.ofMinutes(1)));
    }
    assertThat(api.delete(path, owner.token()).statusCode()).isEqualTo(204);
    assertThat(api.get(path, owner.token()).statusCode()).isEqualTo(404);
    assertThat(api.delete(path, owner.token()).statusCode()).isEqualTo(404);
  }

  @Test
  void nobodyButTheOwnerSeesOrTouchesAnEndpoint(Vertx vertx) {
    Api api = new Api(vertx, TestStack.shared().port);
    Api.Account owner = api.newAccount();
    Api.Account stranger = api.newAccount();
    String bot = api.createBot(owner, "mine").getString("id");
    String path = "/bots/" + bot + "/endpoints/" + create(api, owner, bot).getString("id");
    List<HttpResponse<Buffer>> answers = List.of(
      api.get(path, stranger.token()),
      api.get("/bots/" + bot + "/endpoints", stranger.token()),
      api.post("/bots/" + bot + "/endpoints", new JsonObject().put("url", URL).put("events", new JsonArray().add("message.sent")),
        stranger.token()),
      api.patch(path, new JsonObject().put("status", "disabled"), stranger.token()),
      api.post(path + "/rotate-secret", new JsonObject(), stranger.token()),
      api.get(path + "/deliveries", stranger.token()),
      api.post(path + "/replay", new JsonObject().put("since", "2026-01-01T00:00:00Z"), stranger.token()),
      api.delete(path, stranger.token()));
    for (HttpResponse<Buffer> answer : answers) {
      assertThat(answer.statusCode()).isEqualTo(404);
      assertThat(answer.bodyAsJsonObject()).isEqualTo(new JsonObject().put("detail", "Bot not found"));
    }
    assertThat(api.get("/bots/" + bot + "/endpoints/" + UUID.randomUUID(), owner.token()).bodyAsJsonObject())
      .isEqualTo(new JsonObject().put("detail", "Endpoint not found"));
    assertThat(api.get(path, owner.token()).bodyAsJsonObject().getString("status")).isEqualTo("enabled");
  }

  static JsonObject create(Api api, Api.Account owner, String bot) {
    HttpResponse<Buffer> created = api.post("/bots/" + bot + "/endpoints", new JsonObject().put("url", URL)
      .put("events", new JsonArray().add("message.received")), owner.token());
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }
}
