package io.botfactory.bots;

import io.botfactory.support.Api;
import io.botfactory.support.Locs;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET/PATCH/DELETE /bots/{id}}: only the owner sees or touches a bot, and every answer is the contract's. */
@ExtendWith(VertxExtension.class)
class BotLifecycleTest {

  private static final JsonObject BOT_NOT_FOUND = new JsonObject().put("detail", "Bot not found");

  private Api api;
  private Api.Account owner;
  private Api.Account stranger;
  private JsonObject bot;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
    owner = api.newAccount();
    stranger = api.newAccount();
    bot = api.createBot(owner, "lifecycle");
  }

  private String path() {
    return "/bots/" + bot.getString("id");
  }

  @Test
  void ownerReadsTheBot() {
    HttpResponse<Buffer> r = api.get(path(), owner.token());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject()).isEqualTo(bot);
  }

  @Test
  void strangersUnknownIdsAndNonUuidsAllGetTheSame404() {
    String[] paths = {path(), "/bots/" + UUID.randomUUID(), "/bots/not-a-uuid", "/bots/12345"};
    for (String p : paths) {
      String token = p.equals(path()) ? stranger.token() : owner.token();
      for (HttpResponse<Buffer> r : new HttpResponse[]{
        api.get(p, token),
        api.patch(p, new JsonObject().put("name", "hijacked"), token),
        api.delete(p, token)}) {
        assertThat(r.statusCode()).as(p).isEqualTo(404);
        assertThat(r.bodyAsJsonObject()).as(p).isEqualTo(BOT_NOT_FOUND);
      }
    }
    // The stranger changed nothing.
    assertThat(api.get(path(), owner.token()).bodyAsJsonObject()).isEqualTo(bot);
  }

  @Test
  void patchChangesOnlyWhatItNamesAndMovesUpdatedAt() {
    HttpResponse<Buffer> r = api.patch(path(), new JsonObject().put("name", "  renamed  ").put("description", "now described"),
      owner.token());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject changed = r.bodyAsJsonObject();
    assertThat(changed.getString("name")).isEqualTo("renamed");
    assertThat(changed.getString("description")).isEqualTo("now described");
    assertThat(changed.getBoolean("is_active")).isTrue();
    assertThat(changed.getString("token_hint")).isEqualTo(bot.getString("token_hint"));
    assertThat(changed.getString("created_at")).isEqualTo(bot.getString("created_at"));
    assertThat(changed.getString("updated_at")).isGreaterThan(bot.getString("updated_at"));

    JsonObject deactivated = api.patch(path(), new JsonObject().put("is_active", false), owner.token()).bodyAsJsonObject();
    assertThat(deactivated.getBoolean("is_active")).isFalse();
    assertThat(deactivated.getString("name")).isEqualTo("renamed");
    assertThat(deactivated.getString("updated_at")).isGreaterThan(changed.getString("updated_at"));

    JsonObject cleared = api.patch(path(), new JsonObject().put("description", null), owner.token()).bodyAsJsonObject();
    assertThat(cleared.getValue("description")).isNull();
    assertThat(api.get(path(), owner.token()).bodyAsJsonObject()).isEqualTo(cleared);
  }

  @Test
  void patchTakesANewTokenOfTheSameTelegramBot() {
    long telegramId = bot.getLong("telegram_bot_id");
    String fresh = telegramId + ":" + "N".repeat(40) + "wxyz";
    HttpResponse<Buffer> r = api.patch(path(), new JsonObject().put("token", fresh), owner.token());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("token_hint")).isEqualTo(telegramId + ":\u2026wxyz");
    assertThat(r.bodyAsString()).doesNotContain("N".repeat(40));
  }

  @Test
  void patchRefusesAnotherTelegramBotsToken() {
    HttpResponse<Buffer> r = api.patch(path(), new JsonObject().put("token", Api.telegramToken(Api.telegramId())), owner.token());
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(Locs.of(r)).containsExactly("body.token");
    assertThat(api.get(path(), owner.token()).bodyAsJsonObject()).isEqualTo(bot);
  }

  @Test
  void patchValidatesEveryField() {
    JsonObject[] bad = {
      new JsonObject().put("name", null),
      new JsonObject().put("name", ""),
      new JsonObject().put("name", "   "),
      new JsonObject().put("name", "n".repeat(65)),
      new JsonObject().put("name", 7),
      new JsonObject().put("description", "d".repeat(513)),
      new JsonObject().put("description", false),
      new JsonObject().put("is_active", null),
      new JsonObject().put("is_active", "yes"),
      new JsonObject().put("token", null),
      new JsonObject().put("token", "not-a-token"),
      new JsonObject().put("token", bot.getLong("telegram_bot_id") + ":short"),
    };
    for (JsonObject body : bad) {
      HttpResponse<Buffer> r = api.patch(path(), body, owner.token());
      assertThat(r.statusCode()).as(body.encode()).isEqualTo(422);
      assertThat(Locs.of(r)).as(body.encode()).containsExactly("body." + body.fieldNames().iterator().next());
    }
    HttpResponse<Buffer> several = api.patch(path(), new JsonObject().put("name", "").put("is_active", 1), owner.token());
    assertThat(Locs.of(several)).containsExactlyInAnyOrder("body.name", "body.is_active");
    assertThat(api.get(path(), owner.token()).bodyAsJsonObject()).isEqualTo(bot);
  }

  @Test
  void patchNeedsAJsonBody() {
    HttpResponse<Buffer> r = api.request(io.vertx.core.http.HttpMethod.PATCH, path(), owner.token())
      .sendBuffer(Buffer.buffer("name=x")).await();
    assertThat(r.statusCode()).isEqualTo(415);
  }

  @Test
  void deleteAnswers204AndFreesTheTelegramId() {
    HttpResponse<Buffer> r = api.delete(path(), owner.token());
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.body() == null || r.body().length() == 0).isTrue();
    assertThat(api.get(path(), owner.token()).statusCode()).isEqualTo(404);
    assertThat(api.delete(path(), owner.token()).statusCode()).isEqualTo(404);
    assertThat(api.get("/bots/me", owner.token()).bodyAsJsonArray()).isEmpty();

    long telegramId = bot.getLong("telegram_bot_id");
    HttpResponse<Buffer> again = api.post("/bots", new JsonObject().put("name", "reborn")
      .put("token", Api.telegramToken(telegramId)), stranger.token());
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.bodyAsJsonObject().getLong("telegram_bot_id")).isEqualTo(telegramId);
    assertThat(again.bodyAsJsonObject().getString("id")).isNotEqualTo(bot.getString("id"));
  }

  @Test
  void noRouteHandsOutTheToken() {
    for (String p : new String[]{path() + "/token", "/bots.token", "/bots/token", path() + "?token=1"}) {
      HttpResponse<Buffer> r = api.get(p, owner.token());
      assertThat(r.statusCode()).as(p).isIn(404, 405, 200);
      assertThat(r.bodyAsString()).as(p).doesNotContain("\"token\"");
    }
  }
}
