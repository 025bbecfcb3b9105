package io.botfactory.bots;

import io.botfactory.support.Api;
import io.botfactory.support.Locs;
import io.botfactory.support.Sql;
import io.botfactory.support.TestStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /bots}: the Bot it answers, validation, the Telegram id's uniqueness, the token at rest. */
@ExtendWith(VertxExtension.class)
class CreateBotTest {

  private Api api;
  private Api.Account owner;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
    owner = api.newAccount();
  }

  private HttpResponse<Buffer> create(JsonObject body) {
    return api.post("/bots", body, owner.token());
  }

  @Test
  void createsAnActiveBotAndNeverReturnsItsToken() {
    long telegramId = Api.telegramId();
    String token = Api.telegramToken(telegramId);
    HttpResponse<Buffer> r = create(new JsonObject().put("name", "  Weather bot  ").put("token", token)
      .put("description", "Says whether").put("unknown_field", 1));
    assertThat(r.statusCode()).isEqualTo(201);
    JsonObject bot = r.bodyAsJsonObject();
    assertThat(r.getHeader("Location")).isEqualTo("/bots/" + bot.getString("id"));
    assertThat(bot.fieldNames()).containsExactlyInAnyOrder("id", "client_id", "name", "description", "telegram_bot_id",
      "token_hint", "is_active", "telegram_username", "webhook", "created_at", "updated_at");
    assertThat(bot.getJsonObject("webhook").fieldNames()).containsExactlyInAnyOrder("status", "last_error", "last_error_at");
    assertThat(bot.getJsonObject("webhook").getString("status")).isEqualTo("pending");
    assertThat(bot.getString("client_id")).isEqualTo(owner.id());
    assertThat(bot.getString("name")).isEqualTo("Weather bot");
    assertThat(bot.getString("description")).isEqualTo("Says whether");
    assertThat(bot.getLong("telegram_bot_id")).isEqualTo(telegramId);
    assertThat(bot.getString("token_hint")).isEqualTo(telegramId + ":\u2026" + token.substring(token.length() - 4));
    assertThat(bot.getBoolean("is_active")).isTrue();
    assertThat(bot.getString("created_at")).isEqualTo(bot.getString("updated_at"))
      .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    String secret = token.substring(token.indexOf(':') + 1);
    assertThat(r.bodyAsString()).doesNotContain(secret);
    assertThat(api.get("/bots/me", owner.token()).bodyAsString()).doesNotContain(secret);
  }

  @Test
  void trailingSlashCreatesToo() {
    HttpResponse<Buffer> r = api.post("/bots/", new JsonObject().put("name", "slash")
      .put("token", Api.telegramToken(Api.telegramId())), owner.token());
    assertThat(r.statusCode()).isEqualTo(201);
  }

  @Test
  void tokenIsEncryptedAtRest(Vertx vertx) {
    long telegramId = Api.telegramId();
    String token = Api.telegramToken(telegramId);
    String id = create(new JsonObject().put("name", "sealed").put("token", token)).bodyAsJsonObject().getString("id");
    String secret = token.substring(token.indexOf(':') + 1);
    try (Sql sql = new Sql(vertx)) {
      Row row = sql.query("SELECT * FROM bots WHERE id = $1", UUID.fromString(id)).iterator().next();
      for (int i = 0; i < row.size(); i++) {
        Object value = row.getValue(i);
        String text = value instanceof Buffer ? new String(((Buffer) value).getBytes(), StandardCharsets.ISO_8859_1) : String.valueOf(value);
        assertThat(text).as(row.getColumnName(i)).doesNotContain(secret.substring(0, 8));
      }
      assertThat(row.getBuffer("token_ciphertext").length()).isGreaterThan(token.length());
    }
  }

  @Test
  void nameIsTrimmedAndCountedInCodePoints() {
    String emoji = "\uD83E\uDD16";
    assertThat(create(bot(emoji.repeat(64))).statusCode()).isEqualTo(201);
    assertThat(create(bot(emoji.repeat(64))).bodyAsJsonObject().getJsonArray("detail")).isNull();
    assertThat(create(bot(emoji.repeat(65))).statusCode()).isEqualTo(422);
    assertThat(create(bot("   ")).statusCode()).isEqualTo(422);
    assertThat(create(bot("")).statusCode()).isEqualTo(422);
    HttpResponse<Buffer> ok = create(bot("\t" + "n".repeat(64) + "  "));
    assertThat(ok.statusCode()).isEqualTo(201);
    assertThat(ok.bodyAsJsonObject().getString("name")).isEqualTo("n".repeat(64));
  }

  @Test
  void descriptionIsOptionalAndBounded() {
    assertThat(create(bot("d").put("description", null)).bodyAsJsonObject().getValue("description")).isNull();
    assertThat(create(bot("d").put("description", "\u00e9".repeat(512))).statusCode()).isEqualTo(201);
    assertThat(create(bot("d").put("description", "x".repeat(513))).statusCode()).isEqualTo(422);
    assertThat(create(bot("d").put("description", 5)).statusCode()).isEqualTo(422);
  }

  @Test
  void tokenMustBeATelegramToken() {
    String[] bad = {"", "123456789", "123456789:", ":" + "a".repeat(35), "abc:" + "a".repeat(35),
      "123:" + "a".repeat(29), "123:" + "a".repeat(65), "123:" + "a".repeat(34) + "!", "0:" + "a".repeat(35),
      "99999999999999999999:" + "a".repeat(35), " 123:" + "a".repeat(35)};
    for (String token : bad) {
      HttpResponse<Buffer> r = create(new JsonObject().put("name", "t").put("token", token));
      assertThat(r.statusCode()).as(token).isEqualTo(422);
      assertThat(Locs.of(r)).as(token).containsExactly("body.token");
      assertThat(r.bodyAsString()).as(token).doesNotContain("a".repeat(29));
    }
    assertThat(create(new JsonObject().put("name", "t").put("token", Api.telegramId() + ":" + "_-".repeat(15))).statusCode())
      .isEqualTo(201);
    assertThat(create(new JsonObject().put("name", "t").put("token", Api.telegramId() + ":" + "Z".repeat(64))).statusCode())
      .isEqualTo(201);
  }

  @Test
  void missingFieldsAreNamed() {
    HttpResponse<Buffer> r = create(new JsonObject());
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(Locs.of(r)).containsExactlyInAnyOrder("body.name", "body.token");
  }

  @Test
  void aTelegramBotIsRegisteredOnceByAnyone() {
    long telegramId = Api.telegramId();
    assertThat(create(new JsonObject().put("name", "first").put("token", Api.telegramToken(telegramId))).statusCode())
      .isEqualTo(201);
    Api.Account other = api.newAccount();
    HttpResponse<Buffer> taken = api.post("/bots", new JsonObject().put("name", "second")
      .put("token", Api.telegramToken(telegramId)), other.token());
    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(taken.bodyAsJsonObject().getString("detail")).isEqualTo("A bot with this Telegram bot id is already registered");
    assertThat(taken.bodyAsString()).doesNotContain(owner.id()).doesNotContain(owner.email());
    assertThat(api.get("/bots/me", other.token()).bodyAsJsonArray()).isEmpty();
  }

  @Test
  void fiftyConcurrentCreatesOfOneBotGiveExactlyOne201() {
    long telegramId = Api.telegramId();
    List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      calls.add(api.request(io.vertx.core.http.HttpMethod.POST, "/bots", owner.token())
        .sendJsonObject(new JsonObject().put("name", "race " + i).put("token", Api.telegramToken(telegramId))));
    }
    Future.join(calls).await();
    long created = calls.stream().filter(f -> f.result().statusCode() == 201).count();
    long conflicts = calls.stream().filter(f -> f.result().statusCode() == 409).count();
    assertThat(created).isEqualTo(1);
    assertThat(conflicts).isEqualTo(49);
    JsonArray mine = api.get("/bots/me", owner.token()).bodyAsJsonArray();
    assertThat(mine.stream().filter(b -> ((JsonObject) b).getLong("telegram_bot_id") == telegramId)).hasSize(1);
  }

  private static JsonObject bot(String name) {
    return new JsonObject().put("name", name).put("token", Api.telegramToken(Api.telegramId()));
  }
}
