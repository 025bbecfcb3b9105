package io.botfactory.auth;

import io.botfactory.support.Api;
import io.botfactory.support.Jwts;
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

/** The bearer gate on /clients and /bots: who gets in, and the two 401 answers of the rest. */
@ExtendWith(VertxExtension.class)
class GateTest {

  private Api api;
  private Api.Account account;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
    account = api.newAccount();
  }

  @Test
  void meAnswersTheCaller() {
    HttpResponse<Buffer> r = api.get("/clients/me", account.token());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject me = r.bodyAsJsonObject();
    assertThat(me.getString("id")).isEqualTo(account.id());
    assertThat(me.getString("email")).isEqualTo(account.email());
    assertThat(me.fieldNames()).containsExactlyInAnyOrder("id", "email", "full_name", "created_at");
  }

  @Test
  void noTokenIsNotAuthenticated() {
    for (String path : new String[]{"/clients/me", "/bots/me", "/bots/" + UUID.randomUUID()}) {
      assertNotAuthenticated(api.get(path, null));
    }
    assertNotAuthenticated(api.post("/bots", new JsonObject().put("name", "x"), null));
    assertNotAuthenticated(api.request(HttpMethod.GET, "/clients/me", null).putHeader("Authorization", "Basic dTpw").send().await());
    assertNotAuthenticated(api.request(HttpMethod.GET, "/clients/me", null).putHeader("Authorization", "Bearer").send().await());
  }

  @Test
  void badTokensCannotBeValidated() {
    String valid = account.token();
    String[] parts = valid.split("\\.");
    JsonObject claims = Jwts.claims(account.id());
    long now = System.currentTimeMillis() / 1000;
    String[] bad = {
      "not-a-jwt",
      "a.b.c.d",
      valid.substring(0, valid.length() - 2) + (valid.endsWith("AA") ? "BB" : "AA"),
      parts[0] + "." + Jwts.sign(claims.copy().put("sub", UUID.randomUUID().toString())).split("\\.")[1] + "." + parts[2],
      Jwts.sign("HS256", claims, "another-secret-another-secret-another-secret"),
      Jwts.unsigned(claims),
      Jwts.sign("HS512", claims, TestStack.JWT_SECRET),
      Jwts.sign(claims.copy().put("exp", now - 3600).put("iat", now - 7200)),
      Jwts.sign(claims.copy().put("aud", "someone-else")),
      Jwts.sign(claims.copy().put("iss", "someone-else")),
      Jwts.sign(claims.copy().put("nbf", now + 3600)),
      Jwts.sign(claims.copy().put("sub", "not-a-uuid")),
      Jwts.sign(claims.copy().put("exp", "tomorrow")),
      Jwts.sign(without(claims, "sub")),
      Jwts.sign(without(claims, "exp")),
      Jwts.sign(without(claims, "aud")),
      Jwts.sign(without(claims, "iss")),
    };
    for (String token : bad) {
      HttpResponse<Buffer> r = api.get("/clients/me", token);
      assertThat(r.statusCode()).as(token).isEqualTo(401);
      assertThat(r.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
      assertThat(r.bodyAsJsonObject()).as(token).isEqualTo(new JsonObject().put("detail", "Could not validate credentials"));
    }
  }

  @Test
  void aWellSignedTokenOfOursIsAccepted() {
    // The control for the test above: the same hand-made token, unaltered, gets in.
    assertThat(api.get("/clients/me", Jwts.sign(Jwts.claims(account.id()))).statusCode()).isEqualTo(200);
  }

  @Test
  void aTokenWhoseClientIsGoneGets401Everywhere(Vertx vertx) {
    Api.Account gone = api.newAccount();
    JsonObject bot = api.createBot(gone, "doomed");
    try (Sql sql = new Sql(vertx)) {
      assertThat(sql.query("DELETE FROM clients WHERE id = $1", UUID.fromString(gone.id())).rowCount()).isEqualTo(1);
    }
    String token = gone.token();
    assertCannotValidate(api.get("/clients/me", token));
    assertCannotValidate(api.get("/bots/me", token));
    assertCannotValidate(api.get("/bots/" + bot.getString("id"), token));
    assertCannotValidate(api.get("/bots/not-a-uuid", token));
    assertCannotValidate(api.patch("/bots/" + bot.getString("id"), new JsonObject().put("name", "x"), token));
    assertCannotValidate(api.delete("/bots/" + bot.getString("id"), token));
    assertCannotValidate(api.post("/bots", new JsonObject().put("name", "x").put("token", Api.telegramToken(Api.telegramId())), token));
  }

  private static JsonObject without(JsonObject claims, String key) {
    JsonObject copy = claims.copy();
    copy.remove(key);
    return copy;
  }

  private static void assertNotAuthenticated(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("detail", "Not authenticated"));
  }

  private static void assertCannotValidate(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("detail", "Could not validate credentials"));
  }
}
