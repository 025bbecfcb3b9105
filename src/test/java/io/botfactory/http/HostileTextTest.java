package io.botfactory.http;

import io.botfactory.support.Api;
import io.botfactory.support.Locs;
import io.botfactory.support.Sql;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text PostgreSQL cannot store, or that is not text at all: NUL, unpaired UTF-16 surrogates and
 * control characters are a 422 naming the field, on every route that takes text, and change
 * nothing; they never reach the database (which answered them with a 503 and a stack trace).
 */
@ExtendWith(VertxExtension.class)
class HostileTextTest {

  private Api api;
  private Vertx vertx;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    api = new Api(vertx, TestStack.shared().port);
  }

  private static String email() {
    return "text-" + UUID.randomUUID() + "@example.com";
  }

  /** A JSON body sent as written, so that escapes such as a lone {@code \ud800} reach the service untouched. */
  private HttpResponse<Buffer> raw(HttpMethod method, String path, String json, String token) {
    return api.request(method, path, token).putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(json)).await();
  }

  private static void assertRefused(HttpResponse<Buffer> r, String loc) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(422);
    assertThat(Locs.of(r)).containsExactly(loc);
    assertThat(r.bodyAsJsonObject().getJsonArray("detail").getJsonObject(0).getString("type")).isEqualTo("value_error");
  }

  @Test
  void nulInAnySignUpFieldIs422AndNothingIsStored() {
    String email = email();
    assertRefused(raw(HttpMethod.POST, "/auth/register",
      "{\"email\": \"nul\\u0000" + email + "\", \"password\": \"long-enough\"}", null), "body.email");
    assertRefused(raw(HttpMethod.POST, "/auth/register",
      "{\"email\": \"" + email + "\", \"password\": \"long\\u0000enough\"}", null), "body.password");
    assertRefused(raw(HttpMethod.POST, "/auth/register",
      "{\"email\": \"" + email + "\", \"password\": \"long-enough\", \"full_name\": \"A\\u0000\"}", null), "body.full_name");
    try (Sql sql = new Sql(vertx)) {
      assertThat(sql.query("SELECT 1 FROM clients WHERE email LIKE $1", "%" + email).size()).isZero();
    }
    assertThat(api.register(email, "long-enough", null).statusCode()).isEqualTo(201);
  }

  @Test
  void nulInTheLoginFormIs422NotUnavailable() {
    Api.Account account = api.newAccount();
    HttpResponse<Buffer> form = api.client.post("/auth/token").putHeader("Content-Type", "application/x-www-form-urlencoded")
      .sendBuffer(Buffer.buffer("username=" + account.email().replace("@", "%00@") + "&password=whatever")).await();
    assertRefused(form, "body.username");
    HttpResponse<Buffer> json = raw(HttpMethod.POST, "/auth/token",
      "{\"username\": \"" + account.email() + "\", \"password\": \"x\\u0000\"}", null);
    assertRefused(json, "body.password");
    assertThat(api.login(account.email(), account.password()).statusCode()).isEqualTo(200);
  }

  @Test
  void nulAndLoneSurrogatesInBotFieldsAre422() {
    Api.Account owner = api.newAccount();
    String token = Api.telegramToken(Api.telegramId());
    assertRefused(raw(HttpMethod.POST, "/bots", "{\"name\": \"\\u0000\", \"token\": \"" + token + "\"}", owner.token()),
      "body.name");
    assertRefused(raw(HttpMethod.POST, "/bots", "{\"name\": \"bot\", \"token\": \"" + token + "\", \"description\": \"a\\u0000b\"}",
      owner.token()), "body.description");
    assertRefused(raw(HttpMethod.POST, "/bots", "{\"name\": \"lone \\ud800 surrogate\", \"token\": \"" + token + "\"}",
      owner.token()), "body.name");
    assertRefused(raw(HttpMethod.POST, "/bots", "{\"name\": \"bot\", \"token\": \"" + token + "\", \"description\": \"\\udc00\"}",
      owner.token()), "body.description");
    JsonObject bot = api.createBot(owner, "patched");
    String path = "/bots/" + bot.getString("id");
    assertRefused(raw(HttpMethod.PATCH, path, "{\"name\": \"x\\u0000\"}", owner.token()), "body.name");
    assertRefused(raw(HttpMethod.PATCH, path, "{\"description\": \"\\ud83d\"}", owner.token()), "body.description");
    assertThat(api.get(path, owner.token()).bodyAsJsonObject().getString("name")).isEqualTo("patched");
    assertThat(api.get("/bots/me", owner.token()).bodyAsJsonArray()).hasSize(1);
  }

  @Test
  void controlCharactersAre422ExceptLineBreaksAndTabsAndInPasswords() {
    assertRefused(raw(HttpMethod.POST, "/auth/register",
      "{\"email\": \"" + email() + "\", \"password\": \"long-enough\", \"full_name\": \"Ada\\u001b[2J\"}", null), "body.full_name");
    assertRefused(raw(HttpMethod.POST, "/auth/register",
      "{\"email\": \"" + email() + "\", \"password\": \"long-enough\", \"full_name\": \"Ada\\u0085\"}", null), "body.full_name");
    // Passwords are only hashed: any character but NUL is theirs to use.
    String email = email();
    HttpResponse<Buffer> odd = raw(HttpMethod.POST, "/auth/register",
      "{\"email\": \"" + email + "\", \"password\": \"bell\\u0007\\u001fpass\"}", null);
    assertThat(odd.statusCode()).as(odd.bodyAsString()).isEqualTo(201);
    assertThat(raw(HttpMethod.POST, "/auth/token",
      "{\"username\": \"" + email + "\", \"password\": \"bell\\u0007\\u001fpass\"}", null).statusCode()).isEqualTo(200);

    Api.Account owner = api.newAccount();
    String multiLine = "Line one\n\tLine two\r\nand an emoji \uD83D\uDE00";
    HttpResponse<Buffer> created = api.post("/bots", new JsonObject().put("name", "Emoji \uD83D\uDE00 bot")
      .put("token", Api.telegramToken(Api.telegramId())).put("description", multiLine), owner.token());
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getString("description")).isEqualTo(multiLine);
    assertRefused(raw(HttpMethod.POST, "/bots", "{\"name\": \"bot\\u0008\", \"token\": \"" + Api.telegramToken(Api.telegramId())
      + "\"}", owner.token()), "body.name");
  }
}
