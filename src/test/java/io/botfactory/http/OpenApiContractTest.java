package io.botfactory.http;

import io.botfactory.config.AppConfig;
import io.botfactory.http.openapi.OpenApiRouter;
import io.botfactory.support.Api;
import io.botfactory.support.Locs;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** openapi.yaml is the contract as code: it is served, it is the router, and requests are validated from it. */
@ExtendWith(VertxExtension.class)
class OpenApiContractTest {

  @Test
  void theRouterServesExactlyTheDocumentsOperations(Vertx vertx) {
    OpenApiRouter document = OpenApiRouter.load(vertx).await();
    AppConfig config = AppConfig.from(TestStack.config(TestDatabase.url()));
    Router router = ApiRouter.build(vertx, new ApiRouter.Settings(config.http(), config.jwt(), config.bus(), config.telegram(), config.roles(),
      "unused"), document, new ApiKeyCache());

    Set<String> routed = new HashSet<>();
    for (Route route : router.getRoutes()) {
      if (route.getPath() == null || route.methods() == null || route.getPath().startsWith(SwaggerUi.ASSETS)
        || route.getPath().equals(Dashboard.PATH)) {
        continue; // the root handlers, the failure handler, Swagger UI's own files, the dashboard's
      }
      String template = route.getPath().replaceAll(":(\\w+)", "{$1}");
      route.methods().forEach(m -> routed.add(m.name() + " " + template));
    }
    assertThat(routed).containsExactlyInAnyOrderElementsOf(document.operations());
    assertThat(document.operations()).contains("GET /bots/me", "PATCH /bots/{bot_id}", "POST /auth/token", "GET /docs");
  }

  @Test
  void everySecuredOperationIsBehindTheGateAndNoOtherIs(Vertx vertx) {
    JsonObject paths = OpenApiRouter.load(vertx).await().document().getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (item.getValue(method) instanceof JsonObject && item.getJsonObject(method).containsKey("operationId")) {
          boolean secured = item.getJsonObject(method).containsKey("security");
          assertThat(BearerTokenGate.guards(path)).as(method + " " + path).isEqualTo(secured);
        }
      }
    }
  }

  /** The gate takes an API key where the document says so: every /bots operation and GET /clients/me, never the key routes. */
  @Test
  void everyOperationThatTakesAnApiKeySaysSo(Vertx vertx) {
    JsonObject paths = OpenApiRouter.load(vertx).await().document().getJsonObject("paths");
    int takingKeys = 0;
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!(item.getValue(method) instanceof JsonObject) || !item.getJsonObject(method).containsKey("security")) {
          continue;
        }
        JsonArray security = item.getJsonObject(method).getJsonArray("security");
        boolean documented = security.stream().anyMatch(scheme -> ((JsonObject) scheme).containsKey("ApiKey"));
        boolean gateTakesKeys = !BearerTokenGate.managesKeys(path);
        assertThat(documented).as(method + " " + path).isEqualTo(gateTakesKeys);
        assertThat(security.stream().anyMatch(scheme -> ((JsonObject) scheme).containsKey("OAuth2PasswordBearer")))
          .as(method + " " + path).isTrue();
        takingKeys += documented ? 1 : 0;
      }
    }
    assertThat(takingKeys).isGreaterThanOrEqualTo(10);
  }

  @Test
  void theDocumentIsServedAsOpenApi31WithThePasswordFlow(Vertx vertx) {
    Api api = new Api(vertx, TestStack.shared().port);
    HttpResponse<Buffer> r = api.get("/openapi.json", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).startsWith("application/json");
    JsonObject doc = r.bodyAsJsonObject();
    assertThat(doc.getString("openapi")).isEqualTo("3.1.0");
    JsonObject flow = doc.getJsonObject("components").getJsonObject("securitySchemes")
      .getJsonObject("OAuth2PasswordBearer").getJsonObject("flows").getJsonObject("password");
    assertThat(flow.getString("tokenUrl")).isEqualTo("/auth/token");
    JsonObject token = doc.getJsonObject("paths").getJsonObject("/auth/token").getJsonObject("post");
    assertThat(token.getJsonObject("requestBody").getJsonObject("content").fieldNames())
      .contains("application/x-www-form-urlencoded", "application/json");
    assertThat(doc.getJsonObject("paths").getJsonObject("/bots/me").getJsonObject("get").getJsonArray("security")).isNotEmpty();
  }

  @Test
  void requestsAreValidatedAgainstTheDocument(Vertx vertx) {
    Api api = new Api(vertx, TestStack.shared().port);
    String token = api.newAccount().token();
    // Limits that live only in openapi.yaml: query ranges, body types and lengths, the token pattern.
    assertThat(Locs.of(api.get("/bots/me?limit=101", token))).containsExactly("query.limit");
    HttpResponse<Buffer> body = api.post("/bots", new JsonObject().put("name", 3).put("token", "nope")
      .put("description", "d".repeat(513)), token);
    assertThat(body.statusCode()).isEqualTo(422);
    assertThat(Locs.of(body)).containsExactlyInAnyOrder("body.name", "body.token", "body.description");
    JsonObject types = new JsonObject();
    body.bodyAsJsonObject().getJsonArray("detail").forEach(e ->
      types.put(((JsonObject) e).getJsonArray("loc").getString(1), ((JsonObject) e).getString("type")));
    assertThat(types).isEqualTo(new JsonObject().put("name", "string_type").put("token", "string_pattern_mismatch")
      .put("description", "string_too_long"));
    assertThat(body.bodyAsString()).doesNotContain("nope");
  }

  @Test
  void theTokenRouteTakesAFormOrJsonAndNothingElse(Vertx vertx) {
    Api api = new Api(vertx, TestStack.shared().port);
    HttpResponse<Buffer> multipart = api.request(HttpMethod.POST, "/auth/token", null)
      .putHeader("Content-Type", "multipart/form-data; boundary=x")
      .sendBuffer(Buffer.buffer("--x\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\na@b.io\r\n--x--\r\n")).await();
    assertThat(multipart.statusCode()).isEqualTo(415);
    HttpResponse<Buffer> empty = api.request(HttpMethod.POST, "/auth/token", null)
      .putHeader("Content-Type", "application/x-www-form-urlencoded").sendBuffer(Buffer.buffer("")).await();
    assertThat(empty.statusCode()).isEqualTo(422);
    assertThat(Locs.of(empty)).containsExactlyInAnyOrder("body.username", "body.password");
  }
}
