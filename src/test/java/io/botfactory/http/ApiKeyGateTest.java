package io.botfactory.http;

import io.botfactory.support.Api;
import io.botfactory.support.Sql;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys at the gate, through the real HTTP, bus and database: a key lets its client in on
 * every {@code /bots} route and {@code GET /clients/me}, as a login token does; never where keys
 * are managed; and every bad key, revoked key or key of an account that is gone gets the one
 * 401.
 */
@ExtendWith(VertxExtension.class)
class ApiKeyGateTest {

  private static final JsonObject CANNOT_VALIDATE = new JsonObject().put("detail", "Could not validate credentials");

  private Vertx vertx;
  private Api api;
  private Api.Account owner;
  private String key;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    api = new Api(vertx, TestStack.shared().port);
    owner = api.newAccount();
    key = api.createApiKey(owner, "program").getString("key");
  }

  /** A key of the right form that no one was ever given. */
  static String madeUpKey() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return "bfk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  static void assertCannotValidate(HttpResponse<Buffer> r, String what) {
    assertThat(r.statusCode()).as(what).isEqualTo(401);
    assertThat(r.getHeader("WWW-Authenticate")).as(what).isEqualTo("Bearer");
    assertThat(r.bodyAsJsonObject()).as(what).isEqualTo(CANNOT_VALIDATE);
  }

  @Test
  void aKeyIsTakenOnEveryBotsRouteAndOnClientsMeAsItsAccount() {
    HttpResponse<Buffer> me = api.get("/clients/me", key);
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject()).isEqualTo(api.get("/clients/me", owner.token()).bodyAsJsonObject());

    HttpResponse<Buffer> created = api.post("/bots", new JsonObject().put("name", "by key")
      .put("token", Api.telegramToken(Api.telegramId())), key);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String bot = "/bots/" + created.bodyAsJsonObject().getString("id");
    assertThat(created.bodyAsJsonObject().getString("client_id")).isEqualTo(owner.id());
    assertThat(api.get("/bots/me", key).bodyAsJsonArray()).hasSize(1);
    assertThat(api.get(bot, key).statusCode()).isEqualTo(200);
    assertThat(api.patch(bot, new JsonObject().put("name", "renamed by key"), key).bodyAsJsonObject().getString("name"))
      .isEqualTo("renamed by key");
    HttpResponse<Buffer> commands = api.request(HttpMethod.PUT, bot + "/commands", key)
      .sendJsonObject(new JsonObject().put("commands", new JsonArray().add(new JsonObject()
        .put("command", "start").put("description", "Start").put("reply", "Hi")))).await();
    assertThat(commands.statusCode()).as(commands.bodyAsString()).isEqualTo(200);
    assertThat(api.get(bot + "/commands", key).bodyAsJsonObject().getJsonArray("commands")).hasSize(1);
    assertThat(api.get(bot + "/chats", key).statusCode()).isEqualTo(200);
    assertThat(api.get(bot + "/webhook", key).statusCode()).isEqualTo(200);
    for (String audience : List.of("/subscribers", "/subscribers.csv", "/stats", "/broadcasts", "/endpoints")) {
      HttpResponse<Buffer> r = api.get(bot + audience, key);
      assertThat(r.statusCode()).as(audience + ": " + r.bodyAsString()).isEqualTo(200);
    }
    // Integration is what keys are for: a message queued by key (to a chat that never wrote: the API's 422, not a 401).
    HttpResponse<Buffer> message = api.post(bot + "/messages", new JsonObject().put("chat_id", 42).put("text", "hi"), key);
    assertThat(message.statusCode()).as(message.bodyAsString()).isEqualTo(422);
    assertThat(message.bodyAsJsonObject().getJsonArray("detail").getJsonObject(0).getJsonArray("loc"))
      .isEqualTo(new JsonArray().add("body").add("chat_id"));
    // The login token sees what the key did: one account.
    assertThat(api.get(bot, owner.token()).bodyAsJsonObject().getString("name")).isEqualTo("renamed by key");
    assertThat(api.delete(bot, key).statusCode()).isEqualTo(204);
    assertThat(api.get(bot, owner.token()).statusCode()).isEqualTo(404);
  }

  @Test
  void aKeyIsRefusedWhereKeysAreManaged() {
    String id = api.get("/clients/me/api-keys", owner.token()).bodyAsJsonArray().getJsonObject(0).getString("id");
    assertCannotValidate(api.get("/clients/me/api-keys", key), "GET");
    assertCannotValidate(api.post("/clients/me/api-keys", new JsonObject().put("name", "made by a key"), key), "POST");
    assertCannotValidate(api.delete("/clients/me/api-keys/" + id, key), "DELETE its own");
    assertCannotValidate(api.delete("/clients/me/api-keys/" + UUID.randomUUID(), key), "DELETE another");

    // Nothing was done: one key, still working.
    assertThat(api.get("/clients/me/api-keys", owner.token()).bodyAsJsonArray()).hasSize(1);
    assertThat(api.get("/clients/me", key).statusCode()).isEqualTo(200);
  }

  @Test
  void everyBadKeyGetsTheSame401() {
    JsonObject revoked = api.createApiKey(owner, "to revoke");
    assertThat(api.get("/clients/me", revoked.getString("key")).statusCode()).isEqualTo(200);
    assertThat(api.delete("/clients/me/api-keys/" + revoked.getString("id"), owner.token()).statusCode()).isEqualTo(204);
    char last = key.charAt(key.length() - 1);
    List<String> bad = List.of(
      madeUpKey(),
      revoked.getString("key"),
      key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A'),
      key.substring(0, key.length() - 1),
      key + "A",
      "BFK_" + key.substring(4),
      "bfk_",
      "bfk_" + "!".repeat(43),
      key.substring(4));
    for (String candidate : bad) {
      for (String path : List.of("/clients/me", "/bots/me", "/bots/" + UUID.randomUUID())) {
        assertCannotValidate(api.get(path, candidate), candidate + " on " + path);
      }
    }
    HttpResponse<Buffer> none = api.get("/bots/me", null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.bodyAsJsonObject()).isEqualTo(new JsonObject().put("detail", "Not authenticated"));
    assertThat(api.get("/bots/me", key).statusCode()).as("the control: the good key").isEqualTo(200);
  }

  @Test
  void anAccountsKeysDieWithIt() {
    String unused = api.createApiKey(owner, "never used").getString("key");
    assertThat(api.get("/bots/me", key).statusCode()).as("used: now known to this node").isEqualTo(200);
    try (Sql sql = new Sql(vertx)) {
      assertThat(sql.query("DELETE FROM clients WHERE id = $1", UUID.fromString(owner.id())).rowCount()).isEqualTo(1);
      assertThat(sql.query("SELECT count(*) FROM api_keys WHERE client_id = $1", UUID.fromString(owner.id()))
        .iterator().next().getLong(0)).isZero();
    }
    for (String path : List.of("/clients/me", "/bots/me")) {
      assertCannotValidate(api.get(path, key), "a key in use, on " + path);
      assertCannotValidate(api.get(path, unused), "a key never used, on " + path);
    }
    assertCannotValidate(api.get("/clients/me/api-keys", owner.token()), "its login token, listing keys");
    assertCannotValidate(api.post("/clients/me/api-keys", new JsonObject().put("name", "late"), owner.token()),
      "its login token, creating a key");
    assertCannotValidate(api.delete("/clients/me/api-keys/" + UUID.randomUUID(), owner.token()), "its login token, revoking");
  }
}
