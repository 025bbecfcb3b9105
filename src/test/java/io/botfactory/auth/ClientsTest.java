package io.botfactory.auth;

import io.botfactory.support.Api;
import io.botfactory.support.Sql;
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

/** GET /clients/me, and a token whose client no longer exists: 401 on every gated route, settled by the services in the same round trip. */
@ExtendWith(VertxExtension.class)
class ClientsTest {

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

  private static void assertCannotValidate(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("detail", "Could not validate credentials"));
  }
}
