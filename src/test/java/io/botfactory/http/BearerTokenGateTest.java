package io.botfactory.http;

import io.botfactory.support.Api;
import io.botfactory.support.Jwts;
import io.botfactory.support.FakeClientsService;
import io.botfactory.support.HttpNode;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bearer gate on /clients and /bots, on a node with the HTTP role only and a fake clients
 * service: who gets in, the two 401 answers of the rest, and the 503 of a key no service can check.
 */
@ExtendWith(VertxExtension.class)
class BearerTokenGateTest {

  private static final String CLIENT = UUID.randomUUID().toString();

  private TestStack node;
  private Api api;

  @BeforeEach
  void setUp(Vertx vertx) {
    node = HttpNode.start();
    node.vertx.deployVerticle(new FakeClientsService(Set.of(CLIENT))).await();
    api = new Api(vertx, node.port);
  }

  @AfterEach
  void tearDown() {
    node.stop();
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
    JsonObject claims = Jwts.claims(CLIENT);
    String valid = Jwts.sign(claims);
    String[] parts = valid.split("\\.");
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
    assertThat(api.get("/clients/me", Jwts.sign(Jwts.claims(CLIENT))).statusCode()).isEqualTo(200);
    assertCannotValidate(api.get("/clients/me", Jwts.sign(Jwts.claims(UUID.randomUUID().toString()))));
  }

  /**
   * No auth service on the bus: a key of the right form cannot be checked, which is a 503 (the
   * key may be good), never a 401; one of the wrong form is refused without asking anyone.
   */
  @Test
  void aKeyNobodyCanCheckIsUnavailableNotRefused() {
    HttpResponse<Buffer> r = api.get("/bots/me", ApiKeyGateTest.madeUpKey());
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.getHeader("Retry-After")).isEqualTo("1");
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("detail", "Service temporarily unavailable"));
    assertCannotValidate(api.get("/bots/me", "bfk_too-short"));
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
