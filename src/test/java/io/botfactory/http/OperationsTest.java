package io.botfactory.http;

import io.botfactory.support.Api;
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

import static org.assertj.core.api.Assertions.assertThat;

/** The operations routes with everything up: health, metrics, the docs page and its assets, response hygiene. */
@ExtendWith(VertxExtension.class)
class OperationsTest {

  private Api api;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
  }

  @Test
  void readyWhenEveryServiceAndTheDatabaseAnswer() {
    HttpResponse<Buffer> r = api.get("/health/ready", null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject health = r.bodyAsJsonObject();
    assertThat(health.getString("status")).isEqualTo("UP");
    assertThat(health.getJsonArray("checks").stream().map(c -> ((JsonObject) c).getString("id")))
      .containsExactlyInAnyOrder("auth-service", "storage-service", "inbox-service", "audience-service",
        "integration-service");
  }

  @Test
  void metricsArePrometheusTextWithHttpBusPoolAndJvmFigures() {
    Api.Account account = api.newAccount();
    api.get("/bots/me", account.token());
    HttpResponse<Buffer> r = api.get("/metrics", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.getHeader("Content-Type")).startsWith("text/plain");
    String text = r.bodyAsString();
    assertThat(text).containsPattern("vertx_http_server_requests_total\\{[^}]*code=\"200\"[^}]*route=\"/bots/me\"");
    assertThat(text).containsPattern("vertx_eventbus_[a-z_]+\\{[^}]*address=\"bots.list\"");
    assertThat(text).containsPattern("vertx_pool_[a-z_]+\\{[^}]*pool_name=\"bots-\\d+\"");
    assertThat(text).contains("jvm_memory_used_bytes");
  }

  @Test
  void docsPageAndItsAssetsAreServedLocally() {
    HttpResponse<Buffer> page = api.get("/docs", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.bodyAsString()).contains("/docs/swagger-ui-bundle.js").doesNotContain("https://");
    HttpResponse<Buffer> bundle = api.get("/docs/swagger-ui-bundle.js", null);
    assertThat(bundle.statusCode()).isEqualTo(200);
    assertThat(bundle.getHeader("Content-Type")).contains("javascript");
    assertThat(bundle.body().length()).isGreaterThan(100_000);
    assertThat(api.get("/docs/../openapi.yaml", null).statusCode()).isEqualTo(404);
  }

  /** The docs page runs only scripts served from here (none inline) and cannot be framed. */
  @Test
  void docsPageHasAContentSecurityPolicyAndNoInlineScript() {
    HttpResponse<Buffer> page = api.get("/docs", null);
    String csp = page.getHeader("Content-Security-Policy");
    assertThat(csp).isNotNull().contains("default-src 'none'").contains("script-src 'self'")
      .contains("frame-ancestors 'none'").doesNotContain("unsafe-eval");
    assertThat(csp.replaceAll("style-src[^;]*", "")).doesNotContain("unsafe-inline");
    assertThat(page.bodyAsString()).doesNotContainPattern("<script>").contains("<script src=\"/docs/botfactory-swagger-init.js\">");
    HttpResponse<Buffer> init = api.get("/docs/botfactory-swagger-init.js", null);
    assertThat(init.statusCode()).isEqualTo(200);
    assertThat(init.getHeader("Content-Type")).contains("javascript");
    assertThat(init.bodyAsString()).contains("SwaggerUIBundle(").contains("persistAuthorization: false")
      .contains("'/openapi.json'").doesNotContain("https://");
  }

  @Test
  void apiAnswersAreNotSniffedNorCached() {
    for (HttpResponse<Buffer> r : new HttpResponse[]{api.get("/", null), api.get("/bots/me", null), api.get("/nope", null)}) {
      assertThat(r.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(r.getHeader("Cache-Control")).isEqualTo("no-store");
    }
  }

  @Test
  void corsIsOffByDefault() {
    HttpResponse<Buffer> preflight = api.request(HttpMethod.OPTIONS, "/bots/me", null)
      .putHeader("Origin", "https://evil.example").putHeader("Access-Control-Request-Method", "GET").send().await();
    assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isNull();
    HttpResponse<Buffer> simple = api.request(HttpMethod.GET, "/", null).putHeader("Origin", "https://evil.example").send().await();
    assertThat(simple.getHeader("Access-Control-Allow-Origin")).isNull();
  }
}
