package io.botfactory.bots;

import io.botfactory.support.Api;
import io.botfactory.support.Locs;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestStack;
import io.botfactory.telegram.TelegramDouble;
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

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** GET/PUT /bots/{id}/commands: the owner's command set, its limits, and the menu at Telegram. */
@ExtendWith(VertxExtension.class)
class CommandsTest {

  private final TelegramDouble telegram = TelegramDoubles.shared();
  private Api api;
  private Api.Account owner;
  private JsonObject bot;
  private long telegramId;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
    owner = api.newAccount();
    telegramId = Api.telegramId();
    bot = api.post("/bots", new JsonObject().put("name", "commanded").put("token", Api.telegramToken(telegramId)),
      owner.token()).bodyAsJsonObject();
  }

  @Test
  void aNewBotHasNoCommands() {
    HttpResponse<Buffer> r = api.get(path(), owner.token());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("commands", new JsonArray()).put("fallback_reply", null));
  }

  @Test
  void aSetIsStoredWithoutLeadingSlashesAndPublishedAsTheMenu() {
    JsonObject set = new JsonObject()
      .put("commands", new JsonArray()
        .add(command("/start", "Say hello", "Hello! \uD83D\uDC4B"))
        .add(command("help", "What I do", "I answer.")))
      .put("fallback_reply", "Try /help");
    HttpResponse<Buffer> put = put(set);
    assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
    JsonObject stored = put.bodyAsJsonObject();
    assertThat(stored.getJsonArray("commands").getJsonObject(0).getString("command")).isEqualTo("start");
    assertThat(api.get(path(), owner.token()).bodyAsJsonObject()).isEqualTo(stored);

    api.awaitWebhook(owner, bot.getString("id"), "active");
    JsonArray menu = io.botfactory.support.Eventually.await(() -> telegram.commands(telegramId), m -> m.size() == 2,
      Duration.ofSeconds(15), "the menu published");
    assertThat(menu.getJsonObject(0)).isEqualTo(new JsonObject().put("command", "start").put("description", "Say hello"));

    assertThat(put(new JsonObject().put("commands", new JsonArray())).statusCode()).isEqualTo(200);
    io.botfactory.support.Eventually.await(() -> telegram.commands(telegramId), JsonArray::isEmpty,
      Duration.ofSeconds(15), "the menu cleared");
  }

  @Test
  void limitsAreCheckedAndTheRightFieldIsNamed() {
    JsonArray commands = new JsonArray();
    commands.add(command("ok", "fine", "fine"));
    commands.add(command("Bad-Name", "x", "x"));
    commands.add(command("ok", "duplicate", "x"));
    commands.add(command("long", "x", "\uD83D\uDE00".repeat(2049)));
    commands.add(command("empty", "", ""));
    HttpResponse<Buffer> r = put(new JsonObject().put("commands", commands));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(Locs.of(r)).contains("body.commands.1.command", "body.commands.4.description", "body.commands.4.reply");

    HttpResponse<Buffer> semantic = put(new JsonObject().put("commands", new JsonArray()
      .add(command("ok", "fine", "fine")).add(command("/ok", "again", "x"))
      .add(command("long", "x", "\uD83D\uDE00".repeat(2049)))));
    assertThat(semantic.statusCode()).isEqualTo(422);
    assertThat(Locs.of(semantic)).containsExactlyInAnyOrder("body.commands.1.command", "body.commands.2.reply");

    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 101; i++) {
      tooMany.add(command("c" + i, "d", "r"));
    }
    assertThat(Locs.of(put(new JsonObject().put("commands", tooMany)))).containsExactly("body.commands");
    assertThat(Locs.of(put(new JsonObject()))).containsExactly("body.commands");
    assertThat(Locs.of(put(new JsonObject().put("commands", new JsonArray()).put("fallback_reply", "nul\u0000"))))
      .containsExactly("body.fallback_reply");
    assertThat(api.get(path(), owner.token()).bodyAsJsonObject().getJsonArray("commands")).as("nothing stored").isEmpty();
  }

  @Test
  void exactly4096Utf16UnitsFitAndBodiesUpTo1MiBAreRead() {
    JsonArray commands = new JsonArray().add(command("emoji", "d", "\uD83D\uDE00".repeat(2048)));
    for (int i = 1; i < 100; i++) {
      commands.add(command("c" + i, "d".repeat(256), "r".repeat(4096)));
    }
    JsonObject set = new JsonObject().put("commands", commands).put("fallback_reply", "x".repeat(4096));
    assertThat(set.encode().length()).isGreaterThan(64 * 1024);
    HttpResponse<Buffer> r = put(set);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonArray("commands")).hasSize(100);
  }

  @Test
  void onlyTheOwnerSeesOrChangesTheCommands() {
    Api.Account stranger = api.newAccount();
    assertThat(api.get(path(), stranger.token()).statusCode()).isEqualTo(404);
    HttpResponse<Buffer> r = api.request(HttpMethod.PUT, path(), stranger.token())
      .sendJsonObject(new JsonObject().put("commands", new JsonArray())).await();
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.bodyAsJsonObject().getString("detail")).isEqualTo("Bot not found");
    assertThat(api.get("/bots/not-a-uuid/commands", owner.token()).statusCode()).isEqualTo(404);
    assertThat(api.get(path(), null).statusCode()).isEqualTo(401);
  }

  private HttpResponse<Buffer> put(JsonObject body) {
    return api.request(HttpMethod.PUT, path(), owner.token()).sendJsonObject(body).await();
  }

  private String path() {
    return "/bots/" + bot.getString("id") + "/commands";
  }

  private static JsonObject command(String name, String description, String reply) {
    return new JsonObject().put("command", name).put("description", description).put("reply", reply);
  }
}
