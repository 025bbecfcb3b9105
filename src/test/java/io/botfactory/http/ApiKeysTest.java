package io.botfactory.http;

import io.botfactory.support.Api;
import io.botfactory.support.Locs;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST/GET /clients/me/api-keys} and {@code DELETE /clients/me/api-keys/{key_id}}, through
 * the real HTTP, bus and database: what each answers, the key at rest, names, the limit of 20
 * under concurrent creates, and revocation's 204 and 404s.
 */
@ExtendWith(VertxExtension.class)
class ApiKeysTest {

  private static final String KEYS = "/clients/me/api-keys";
  private static final JsonObject NOT_FOUND = new JsonObject().put("detail", "API key not found");

  private Vertx vertx;
  private Api api;
  private Api.Account owner;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    api = new Api(vertx, TestStack.shared().port);
    owner = api.newAccount();
  }

  private JsonArray list(Api.Account account) {
    HttpResponse<Buffer> r = api.get(KEYS, account.token());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonArray();
  }

  @Test
  void aNewKeyIsShownOnceAndStoredAsItsSha256Only() throws Exception {
    HttpResponse<Buffer> r = api.post(KEYS, new JsonObject().put("name", "  CI deploy  "), owner.token());
    assertThat(r.statusCode()).isEqualTo(201);
    JsonObject created = r.bodyAsJsonObject();
    assertThat(created.fieldNames()).containsExactly("id", "name", "key", "created_at", "last_used_at");
    assertThat(created.getString("name")).isEqualTo("CI deploy");
    assertThat(created.getValue("last_used_at")).isNull();
    assertThat(created.getString("created_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    String key = created.getString("key");
    assertThat(key).matches("bfk_[A-Za-z0-9_-]{43}");
    assertThat(Base64.getUrlDecoder().decode(key.substring(4))).hasSize(32);
    assertThat(api.createApiKey(owner, "another").getString("key")).isNotEqualTo(key);

    try (Sql sql = new Sql(vertx)) {
      Row row = sql.query("SELECT key_hash, row_to_json(k)::text AS whole FROM api_keys k WHERE id = $1",
        UUID.fromString(created.getString("id"))).iterator().next();
      byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
      assertThat(row.getBuffer("key_hash").getBytes()).isEqualTo(sha256);
      assertThat(row.getString("whole")).doesNotContain(key.substring(4)).doesNotContain(key.substring(4, 20));
    }
    JsonObject listed = list(owner).getJsonObject(0);
    JsonObject withoutKey = created.copy();
    withoutKey.remove("key");
    assertThat(listed).isEqualTo(withoutKey);
    assertThat(list(owner).encode()).doesNotContain(key);
  }

  @Test
  void theListIsTheCallersOwnOldestFirst() {
    Api.Account other = api.newAccount();
    assertThat(list(owner)).isEmpty();
    List<String> ids = new ArrayList<>();
    for (String name : List.of("first", "second", "third")) {
      ids.add(api.createApiKey(owner, name).getString("id"));
    }
    String othersKey = api.createApiKey(other, "theirs").getString("id");

    JsonArray mine = list(owner);
    assertThat(mine.stream().map(k -> ((JsonObject) k).getString("id")).toList()).isEqualTo(ids);
    assertThat(mine.stream().map(k -> ((JsonObject) k).fieldNames()).distinct().toList())
      .containsExactly(java.util.Set.of("id", "name", "created_at", "last_used_at"));
    assertThat(list(other).stream().map(k -> ((JsonObject) k).getString("id")).toList()).containsExactly(othersKey);
  }

  @Test
  void aNameIsTrimmedThenOneToSixtyFourCharacters() {
    String sixtyFourEmoji = "\uD83E\uDD16".repeat(64);
    Object[] bad = {"", "   ", "x".repeat(65), sixtyFourEmoji + "x", 3, null};
    for (Object name : bad) {
      HttpResponse<Buffer> r = api.post(KEYS, new JsonObject().put("name", name), owner.token());
      assertThat(r.statusCode()).as(String.valueOf(name)).isEqualTo(422);
      assertThat(Locs.of(r)).as(String.valueOf(name)).containsExactly("body.name");
      assertThat(r.bodyAsString()).doesNotContain("xxxxxxxxxx");
    }
    HttpResponse<Buffer> missing = api.post(KEYS, new JsonObject(), owner.token());
    assertThat(Locs.of(missing)).containsExactly("body.name");
    assertThat(list(owner)).as("nothing created by a refused request").isEmpty();

    assertThat(api.createApiKey(owner, sixtyFourEmoji).getString("name")).isEqualTo(sixtyFourEmoji);
    assertThat(api.createApiKey(owner, "\t x ").getString("name")).isEqualTo("x");
    assertThat(api.createApiKey(owner, "y".repeat(64)).getString("name")).hasSize(64);
  }

  @Test
  void thirtyConcurrentCreatesLeaveExactlyTwenty() {
    List<Future<HttpResponse<Buffer>>> creates = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      creates.add(api.request(HttpMethod.POST, KEYS, owner.token()).sendJsonObject(new JsonObject().put("name", "key " + i)));
    }
    Future.join(creates).await();
    List<Integer> statuses = creates.stream().map(f -> f.result().statusCode()).toList();
    assertThat(statuses.stream().filter(s -> s == 201).count()).as(statuses.toString()).isEqualTo(20);
    assertThat(statuses.stream().filter(s -> s == 409).count()).as(statuses.toString()).isEqualTo(10);
    HttpResponse<Buffer> refused = creates.stream().map(Future::result).filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
    assertThat(refused.bodyAsJsonObject())
      .isEqualTo(new JsonObject().put("detail", "An account holds at most 20 API keys; revoke one first"));
    assertThat(list(owner)).hasSize(20);
    try (Sql sql = new Sql(vertx)) {
      Row row = sql.query("SELECT api_key_count, (SELECT count(*) FROM api_keys WHERE client_id = $1) AS keys FROM clients WHERE id = $1",
        UUID.fromString(owner.id())).iterator().next();
      assertThat(row.getInteger("api_key_count")).isEqualTo(20);
      assertThat(row.getLong("keys")).isEqualTo(20L);
    }

    // A revoked key's place is free again, and only that one.
    String first = list(owner).getJsonObject(0).getString("id");
    assertThat(api.delete(KEYS + "/" + first, owner.token()).statusCode()).isEqualTo(204);
    api.createApiKey(owner, "in its place");
    assertThat(api.post(KEYS, new JsonObject().put("name", "one more"), owner.token()).statusCode()).isEqualTo(409);
  }

  @Test
  void revokingAnswers204OnceAndTheSame404ForEverythingElse() {
    Api.Account other = api.newAccount();
    JsonObject mine = api.createApiKey(owner, "mine");
    JsonObject theirs = api.createApiKey(other, "theirs");

    for (String id : List.of(theirs.getString("id"), UUID.randomUUID().toString(), "not-a-uuid", "1-1-1-1-1")) {
      HttpResponse<Buffer> r = api.delete(KEYS + "/" + id, owner.token());
      assertThat(r.statusCode()).as(id).isEqualTo(404);
      assertThat(r.bodyAsJsonObject()).as(id).isEqualTo(NOT_FOUND);
    }
    assertThat(api.get("/clients/me", theirs.getString("key")).statusCode()).as("another's key is untouched").isEqualTo(200);
    assertThat(list(other)).hasSize(1);

    HttpResponse<Buffer> revoked = api.delete(KEYS + "/" + mine.getString("id"), owner.token());
    assertThat(revoked.statusCode()).isEqualTo(204);
    assertThat(revoked.body()).isNull();
    assertThat(list(owner)).isEmpty();
    HttpResponse<Buffer> again = api.delete(KEYS + "/" + mine.getString("id"), owner.token());
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(again.bodyAsJsonObject()).isEqualTo(NOT_FOUND);
    try (Sql sql = new Sql(vertx)) {
      assertThat(sql.query("SELECT api_key_count FROM clients WHERE id = $1", UUID.fromString(owner.id()))
        .iterator().next().getInteger(0)).isZero();
    }
  }
}
