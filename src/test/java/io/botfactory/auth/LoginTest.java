package io.botfactory.auth;

import io.botfactory.support.Api;
import io.botfactory.support.Locs;
import io.botfactory.support.OwnNode;
import io.botfactory.support.TestStack;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /auth/token}: the OAuth2 password flow, the JWT it issues, and its failures. */
@ExtendWith(VertxExtension.class)
class LoginTest {

  /** A node that hashes at the committed cost: what an unknown email costs is measured against it. */
  @RegisterExtension
  static final OwnNode node = OwnNode.with(TestStack::committedArgon2).roles("http,auth,storage");

  private Api api;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = node.api(vertx);
  }

  @Test
  void formLoginIssuesABearerJwt() {
    Api.Account account = api.newAccount();
    HttpResponse<Buffer> r = api.login(account.email(), account.password());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getString("token_type")).isEqualTo("bearer");
    assertThat(body.getInteger("expires_in")).isEqualTo(1800);

    String[] parts = body.getString("access_token").split("\\.");
    assertThat(parts).hasSize(3);
    JsonObject header = decode(parts[0]);
    JsonObject claims = decode(parts[1]);
    assertThat(header.getString("alg")).isEqualTo("HS256");
    assertThat(claims.getString("sub")).isEqualTo(account.id());
    assertThat(claims.getString("iss")).isEqualTo("botfactory");
    assertThat(claims.getValue("aud").toString()).contains("botfactory-api");
    long now = System.currentTimeMillis() / 1000;
    assertThat(claims.getLong("iat")).isBetween(now - 60, now + 5);
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(1800);
  }

  @Test
  void jsonLoginWorksToo() {
    Api.Account account = api.newAccount();
    HttpResponse<Buffer> r = api.post("/auth/token",
      new JsonObject().put("username", account.email()).put("password", account.password()), null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(api.get("/clients/me", r.bodyAsJsonObject().getString("access_token")).statusCode()).isEqualTo(200);
  }

  @Test
  void wrongPasswordAndUnknownEmailAnswerAlike() {
    Api.Account account = api.newAccount();
    HttpResponse<Buffer> wrong = api.login(account.email(), "not-the-password");
    HttpResponse<Buffer> unknown = api.login("nobody-" + UUID.randomUUID() + "@example.com", "whatever-it-is");
    for (HttpResponse<Buffer> r : Arrays.asList(wrong, unknown)) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
      assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("detail", "Incorrect email or password"));
    }
  }

  /**
   * Not a speed check: without the dummy Argon2 verification an unknown email answers tens of
   * times faster than a wrong password, which tells an attacker which emails have accounts.
   */
  @Test
  void unknownEmailCostsAnArgon2VerificationToo() {
    Api.Account account = api.newAccount();
    // Taken in turns, so that whatever else the machine does at the time weighs on both alike.
    long[] medians = medianMillis(() -> api.login(account.email(), "not-the-password"),
      () -> api.login("nobody-" + UUID.randomUUID() + "@example.com", "not-the-password"));
    long wrong = medians[0];
    long unknown = medians[1];
    assertThat(unknown).as("unknown %d ms vs wrong %d ms", unknown, wrong).isGreaterThanOrEqualTo(wrong / 3);
    assertThat(wrong).as("wrong %d ms vs unknown %d ms", wrong, unknown).isGreaterThanOrEqualTo(unknown / 3);
  }

  @Test
  void missingFieldsAndAForeignGrantTypeAre422() {
    HttpResponse<Buffer> missing = api.client.post("/auth/token")
      .sendForm(MultiMap.caseInsensitiveMultiMap().add("username", "a@b.io")).await();
    assertThat(missing.statusCode()).isEqualTo(422);
    assertThat(Locs.of(missing.bodyAsJsonObject().getJsonArray("detail"))).containsExactly("body.password");

    Api.Account account = api.newAccount();
    HttpResponse<Buffer> grant = api.client.post("/auth/token").sendForm(MultiMap.caseInsensitiveMultiMap()
      .add("grant_type", "client_credentials").add("username", account.email()).add("password", account.password())).await();
    assertThat(grant.statusCode()).isEqualTo(422);

    HttpResponse<Buffer> password = api.client.post("/auth/token").sendForm(MultiMap.caseInsensitiveMultiMap()
      .add("grant_type", "password").add("username", account.email()).add("password", account.password())
      .add("scope", "").add("client_id", "swagger")).await();
    assertThat(password.statusCode()).isEqualTo(200);
  }

  /** FastAPI takes the last of a repeated form field; so must we, or a proxy and the service could read two logins. */
  @Test
  void aRepeatedFormFieldTakesItsLastValue() {
    Api.Account account = api.newAccount();
    HttpResponse<Buffer> r = api.client.post("/auth/token").sendForm(MultiMap.caseInsensitiveMultiMap()
      .add("username", "nobody-" + UUID.randomUUID() + "@example.com").add("username", account.email())
      .add("password", "not-the-password").add("password", account.password())).await();
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  @Test
  void passwordIsNotEchoedInAnyAnswer() {
    String secret = "Zz-" + UUID.randomUUID();
    HttpResponse<Buffer> r = api.login("not an email", secret);
    assertThat(r.bodyAsString()).doesNotContain(secret);
  }

  /** The median time of each call, each run once to warm up, then five times in turns. */
  private static long[] medianMillis(Runnable... calls) {
    long[][] times = new long[calls.length][5];
    for (Runnable call : calls) {
      call.run(); // warm-up
    }
    for (int i = 0; i < 5; i++) {
      for (int c = 0; c < calls.length; c++) {
        long start = System.nanoTime();
        calls[c].run();
        times[c][i] = (System.nanoTime() - start) / 1_000_000;
      }
    }
    long[] medians = new long[calls.length];
    for (int c = 0; c < calls.length; c++) {
      Arrays.sort(times[c]);
      medians[c] = Math.max(times[c][2], 1);
    }
    return medians;
  }

  static JsonObject decode(String part) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
  }
}
