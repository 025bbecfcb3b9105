package io.botfactory.auth;

import io.botfactory.support.Api;
import io.botfactory.support.Locs;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /auth/register}: the Client it answers, 409 on a taken email, and every 422. */
@ExtendWith(VertxExtension.class)
class RegisterTest {

  private Api api;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
  }

  private static String email() {
    return "reg-" + UUID.randomUUID() + "@example.com";
  }

  @Test
  void registersAndAnswersTheClient() {
    String email = email();
    HttpResponse<Buffer> r = api.register(email, "s3cret-password", "Ada Lovelace");
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.getHeader("Location")).isEqualTo("/clients/me");
    JsonObject client = r.bodyAsJsonObject();
    assertThat(client.fieldNames()).containsExactlyInAnyOrder("id", "email", "full_name", "created_at");
    assertThat(UUID.fromString(client.getString("id"))).isNotNull();
    assertThat(client.getString("email")).isEqualTo(email);
    assertThat(client.getString("full_name")).isEqualTo("Ada Lovelace");
    assertThat(client.getString("created_at")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    assertThat(r.bodyAsString()).doesNotContain("s3cret-password").doesNotContain("argon2");
  }

  @Test
  void fullNameIsOptional() {
    HttpResponse<Buffer> r = api.post("/auth/register", new JsonObject().put("email", email()).put("password", "12345678"), null);
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.bodyAsJsonObject().getValue("full_name")).isNull();
    assertThat(r.bodyAsJsonObject().containsKey("full_name")).isTrue();
  }

  @Test
  void emailIsTrimmedAndUniqueWhateverItsCase() {
    String local = "Case-" + UUID.randomUUID();
    HttpResponse<Buffer> first = api.register("  " + local + "@Example.IO ", "password-1", null);
    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.bodyAsJsonObject().getString("email")).isEqualTo(local + "@Example.IO");

    HttpResponse<Buffer> again = api.register(local.toLowerCase() + "@example.io", "password-2", null);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("detail")).isEqualTo("Email already registered");

    // The account answers to any letter case at login too.
    assertThat(api.login(local.toUpperCase() + "@EXAMPLE.IO", "password-1").statusCode()).isEqualTo(200);
  }

  @Test
  void everyInvalidFieldIsNamedWithoutItsValue() {
    JsonObject body = new JsonObject().put("email", "no-at-sign").put("password", "pw-7chr").put("full_name", "x".repeat(129));
    HttpResponse<Buffer> r = api.post("/auth/register", body, null);
    assertThat(r.statusCode()).isEqualTo(422);
    JsonArray detail = r.bodyAsJsonObject().getJsonArray("detail");
    assertThat(detail).hasSize(3);
    assertThat(Locs.of(detail)).containsExactlyInAnyOrder("body.email", "body.password", "body.full_name");
    assertThat(r.bodyAsString()).doesNotContain("no-at-sign").doesNotContain("pw-7chr");
    for (Object e : detail) {
      assertThat(((JsonObject) e).getString("msg")).isNotBlank();
      assertThat(((JsonObject) e).getString("type")).isNotBlank();
    }
  }

  @Test
  void missingFieldsAreRequired() {
    HttpResponse<Buffer> r = api.post("/auth/register", new JsonObject(), null);
    assertThat(r.statusCode()).isEqualTo(422);
    JsonArray detail = r.bodyAsJsonObject().getJsonArray("detail");
    assertThat(Locs.of(detail)).containsExactlyInAnyOrder("body.email", "body.password");
    assertThat(detail.getJsonObject(0).getString("type")).isEqualTo("missing");
  }

  @Test
  void wrongTypesAre422() {
    JsonObject body = new JsonObject().put("email", 42).put("password", true).put("full_name", new JsonArray());
    HttpResponse<Buffer> r = api.post("/auth/register", body, null);
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(Locs.of(r.bodyAsJsonObject().getJsonArray("detail")))
      .containsExactlyInAnyOrder("body.email", "body.password", "body.full_name");
  }

  @Test
  void emailShapes() {
    for (String bad : new String[]{"a@b", "a@@b.io", "@b.io", "a b@c.io", "a@b..io", "a@.io", ""}) {
      HttpResponse<Buffer> r = api.register(bad, "12345678", null);
      assertThat(r.statusCode()).as(bad).isEqualTo(422);
      assertThat(Locs.of(r.bodyAsJsonObject().getJsonArray("detail"))).as(bad).containsExactly("body.email");
    }
    String longest = "a".repeat(254 - "@example.com".length()) + "@example.com";
    assertThat(api.register(longest.replaceFirst("^a{36}", UUID.randomUUID().toString()), "12345678", null).statusCode())
      .isEqualTo(201);
    assertThat(api.register("a" + longest, "12345678", null).statusCode()).isEqualTo(422);
  }

  @Test
  void passwordLengthsCountCodePoints() {
    // Eight emoji are eight characters, though sixteen UTF-16 units.
    assertThat(api.register(email(), "\uD83D\uDE00".repeat(8), null).statusCode()).isEqualTo(201);
    assertThat(api.register(email(), "\uD83D\uDE00".repeat(7), null).statusCode()).isEqualTo(422);
    assertThat(api.register(email(), "p".repeat(256), null).statusCode()).isEqualTo(201);
    assertThat(api.register(email(), "p".repeat(257), null).statusCode()).isEqualTo(422);
  }

  @Test
  void aRejectedRegistrationChangesNothing() {
    String email = email();
    assertThat(api.register(email, "short", null).statusCode()).isEqualTo(422);
    assertThat(api.login(email, "short").statusCode()).isEqualTo(401);
    assertThat(api.register(email, "long-enough", null).statusCode()).isEqualTo(201);
  }
}
