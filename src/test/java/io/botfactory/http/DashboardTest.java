package io.botfactory.http;

import io.botfactory.support.Api;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /app/ over HTTP, without a browser: what is served, with which policy and caching headers,
 * and that nothing outside the dashboard's files can be reached through it. The browser side
 * is {@code DashboardBrowserTest}.
 */
@ExtendWith(VertxExtension.class)
class DashboardTest {

  private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  private static final Pattern IMPORT = Pattern.compile("(?:from|import)\\s+'(\\./[\\w-]+\\.js)'");

  private Api api;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
  }

  @Test
  void appWithoutItsSlashRedirectsToIt() {
    HttpResponse<Buffer> r = api.request(HttpMethod.GET, "/app", null).followRedirects(false).send().await();
    assertThat(r.statusCode()).isEqualTo(301);
    assertThat(r.getHeader("Location")).isEqualTo("/app/");
  }

  @Test
  void thePageIsServedUnderAStrictPolicyWithNoInlineScriptOrStyle() {
    HttpResponse<Buffer> page = api.get("/app/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Type")).startsWith("text/html");
    assertThat(page.getHeader("Content-Security-Policy")).isEqualTo(POLICY);
    assertThat(page.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(page.getHeader("X-Frame-Options")).isEqualTo("DENY");
    String html = page.bodyAsString();
    assertThat(html).contains("<script type=\"module\" src=\"js/app.js\"></script>");
    assertThat(html).as("every script has a src").doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
    assertThat(html).as("no event-handler or style attribute").doesNotContainPattern("\\s(on\\w+|style)\\s*=");
    assertThat(html).as("no CDN").doesNotContain("http://", "https://", "//cdn");
  }

  @Test
  void everyModuleTheAppImportsIsServedAsJavaScriptUnderThePolicy() {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> toFetch = new ArrayDeque<>(Set.of("/app/js/app.js"));
    while (!toFetch.isEmpty()) {
      String path = toFetch.pop();
      if (!seen.add(path)) {
        continue;
      }
      HttpResponse<Buffer> module = api.get(path, null);
      assertThat(module.statusCode()).as(path).isEqualTo(200);
      // With nosniff, a module script served under any other type is refused by the browser.
      assertThat(module.getHeader("Content-Type")).as(path).containsPattern("^(text|application)/javascript");
      assertThat(module.getHeader("Content-Security-Policy")).as(path).isEqualTo(POLICY);
      String source = module.bodyAsString();
      assertThat(source).as(path + " builds no markup from strings").doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "eval(");
      Matcher imports = IMPORT.matcher(source);
      while (imports.find()) {
        toFetch.push("/app/js/" + imports.group(1).substring(2));
      }
    }
    assertThat(seen).contains("/app/js/api.js", "/app/js/auth.js", "/app/js/bots.js", "/app/js/bot.js", "/app/js/commands.js",
      "/app/js/chats.js", "/app/js/webhook.js");
    assertThat(api.get("/app/app.css", null).getHeader("Content-Type")).startsWith("text/css");
    assertThat(api.get("/app/favicon.svg", null).getHeader("Content-Type")).startsWith("image/svg+xml");
  }

  @Test
  void filesAreRevalidatedNotStoredForever() {
    HttpResponse<Buffer> first = api.get("/app/js/api.js", null);
    assertThat(first.getHeader("Cache-Control")).isEqualTo("no-cache");
    String lastModified = first.getHeader("Last-Modified");
    assertThat(lastModified).isNotBlank();
    HttpResponse<Buffer> again = api.request(HttpMethod.GET, "/app/js/api.js", null)
      .putHeader("If-Modified-Since", lastModified).send().await();
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isNull();
  }

  @Test
  void nothingOutsideTheDashboardsFilesIsServedThroughIt() {
    for (String path : new String[]{"/app/nope.js", "/app/../openapi.yaml", "/app/%2e%2e/openapi.yaml", "/app/..%2fconf/config.json",
      "/app/js/", "/app/META-INF/MANIFEST.MF"}) {
      HttpResponse<Buffer> r = api.get(path, null);
      assertThat(r.statusCode()).as(path).isIn(400, 404);
      assertThat(r.bodyAsJsonObject().getString("detail")).as(path).isNotBlank();
    }
    HttpResponse<Buffer> post = api.request(HttpMethod.POST, "/app/", null).send().await();
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.getHeader("Allow")).contains("GET");
  }
}
