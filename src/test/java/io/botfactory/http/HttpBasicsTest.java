package io.botfactory.http;

import io.botfactory.support.Api;
import io.botfactory.support.HttpNode;
import io.botfactory.support.Jwts;
import io.botfactory.support.TestStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract's conventions that hold on every route, on a node with the HTTP role only: JSON errors, 404, 405 with Allow, 413, 415. */
@ExtendWith(VertxExtension.class)
class HttpBasicsTest {

  private static TestStack node;
  private Api api;

  /** The HTTP layer alone: nothing here needs a service, a database or Argon2. */
  @BeforeAll
  static void startNode() {
    node = HttpNode.start();
  }

  @AfterAll
  static void stopNode() {
    node.stop();
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, node.port);
  }

  @Test
  void welcome() {
    HttpResponse<Buffer> r = api.get("/", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).startsWith("application/json");
    assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("message", "Welcome to BotFactory API"));
  }

  @Test
  void liveness() {
    assertThat(api.get("/health/live", null).statusCode()).isEqualTo(200);
  }

  @Test
  void unknownRouteIsJson404() {
    HttpResponse<Buffer> r = api.get("/no/such/route", null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.getHeader("Content-Type")).startsWith("application/json");
    assertThat(r.bodyAsJsonObject().getString("detail")).isEqualTo("Not Found");
  }

  @Test
  void wrongMethodIs405WithAllow() {
    HttpResponse<Buffer> r = api.request(HttpMethod.PUT, "/auth/register", null).send().await();
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.getHeader("Allow")).isEqualTo("POST");
    assertThat(r.bodyAsJsonObject().getString("detail")).isEqualTo("Method Not Allowed");

    HttpResponse<Buffer> root = api.request(HttpMethod.DELETE, "/", null).send().await();
    assertThat(root.statusCode()).isEqualTo(405);
    assertThat(root.getHeader("Allow")).isEqualTo("GET");
  }

  @Test
  void wrongMethodOnGatedRouteListsEveryAllowedMethod() {
    String token = Jwts.sign(Jwts.claims(java.util.UUID.randomUUID().toString()));
    HttpResponse<Buffer> r = api.request(HttpMethod.PUT, "/bots/" + java.util.UUID.randomUUID(), token).send().await();
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.getHeader("Allow")).isEqualTo("DELETE, GET, PATCH");
  }

  @Test
  void missingOrWrongContentTypeIs415() {
    HttpResponse<Buffer> none = api.request(HttpMethod.POST, "/auth/register", null)
      .sendBuffer(Buffer.buffer("{\"email\":\"a@b.io\",\"password\":\"12345678\"}")).await();
    assertThat(none.statusCode()).isEqualTo(415);
    assertThat(none.bodyAsJsonObject().getString("detail")).isEqualTo("Unsupported Media Type");

    HttpResponse<Buffer> text = api.request(HttpMethod.POST, "/auth/register", null)
      .putHeader("Content-Type", "text/plain")
      .sendBuffer(Buffer.buffer("{\"email\":\"a@b.io\",\"password\":\"12345678\"}")).await();
    assertThat(text.statusCode()).isEqualTo(415);

    HttpResponse<Buffer> token = api.request(HttpMethod.POST, "/auth/token", null)
      .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer("username=a&password=b")).await();
    assertThat(token.statusCode()).isEqualTo(415);
  }

  @Test
  void malformedJsonIs422NamingTheBody() {
    HttpResponse<Buffer> r = api.request(HttpMethod.POST, "/auth/register", null)
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("{\"email\": ")).await();
    assertThat(r.statusCode()).isEqualTo(422);
    JsonObject error = r.bodyAsJsonObject().getJsonArray("detail").getJsonObject(0);
    assertThat(error.getJsonArray("loc").getList()).containsExactly("body");
    assertThat(error.getString("type")).isEqualTo("json_invalid");

    HttpResponse<Buffer> array = api.request(HttpMethod.POST, "/auth/register", null)
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer("[1,2]")).await();
    assertThat(array.statusCode()).isEqualTo(422);
  }

  @Test
  void bodyOverLimitIs413() {
    String big = "x".repeat(BodyLimits.DEFAULT + 1);
    HttpResponse<Buffer> r = api.request(HttpMethod.POST, "/auth/register", null)
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(big)).await();
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.bodyAsJsonObject().getString("detail")).contains("too large");
  }

  @Test
  void bodyOfExactlyTheLimitIsRead() {
    JsonObject body = new JsonObject().put("email", "not-an-email").put("password", "");
    String json = body.encode();
    String padded = json.substring(0, json.length() - 1) + ",\"pad\":\"" + "x".repeat(BodyLimits.DEFAULT - json.length() - 9) + "\"}";
    assertThat(padded.length()).isEqualTo(BodyLimits.DEFAULT);
    HttpResponse<Buffer> r = api.request(HttpMethod.POST, "/auth/register", null)
      .putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(padded)).await();
    assertThat(r.statusCode()).isEqualTo(422);
  }

  @Test
  void chunkedBodyOverLimitIs413(Vertx vertx) throws Exception {
    HttpClient client = vertx.createHttpClient();
    try {
      // Read the answer as soon as it comes: the server answers 413 and closes before it has read everything.
      JsonObject answer = client.request(new RequestOptions().setMethod(HttpMethod.POST)
          .setHost("127.0.0.1").setPort(api.port()).setURI("/auth/register")
          .putHeader("Content-Type", "application/json"))
        .compose(req -> {
          req.setChunked(true);
          Future<JsonObject> response = req.response().compose(resp -> resp.body()
            .map(body -> new JsonObject().put("status", resp.statusCode()).put("body", body.toJsonObject())));
          for (int i = 0; i < 70; i++) {
            req.write(Buffer.buffer("x".repeat(1024)));
          }
          req.end();
          return response;
        }).await(10, TimeUnit.SECONDS);
      assertThat(answer.getInteger("status")).isEqualTo(413);
      assertThat(answer.getJsonObject("body").getString("detail")).contains("too large");
    } finally {
      client.close();
    }
  }

  @Test
  void aBrokenEscapeInThePathIsABadRequest() {
    for (String path : new String[]{"/%zz", "/bots/%zz", "/bots/me%"}) {
      HttpResponse<Buffer> r = api.get(path, "x.y.z");
      assertThat(r.statusCode()).as(path).isEqualTo(400);
      assertThat(r.bodyAsJsonObject().getString("detail")).isEqualTo("Bad Request");
    }
  }

  @Test
  void everyAnswerCarriesARequestId() {
    HttpResponse<Buffer> given = api.request(HttpMethod.GET, "/", null).putHeader("X-Request-Id", "abc-123").send().await();
    assertThat(given.getHeader("X-Request-Id")).isEqualTo("abc-123");
    HttpResponse<Buffer> generated = api.get("/nowhere", null);
    assertThat(generated.getHeader("X-Request-Id")).isNotBlank();
    HttpResponse<Buffer> hostile = api.request(HttpMethod.GET, "/", null).putHeader("X-Request-Id", "a b\tc").send().await();
    assertThat(hostile.getHeader("X-Request-Id")).isNotEqualTo("a b\tc").isNotBlank();
  }
}
