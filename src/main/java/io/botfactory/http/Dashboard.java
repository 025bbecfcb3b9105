package io.botfactory.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CSPHandler;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * {@code /app/}: the dashboard, plain HTML, CSS and ES modules from {@code webroot/app} in the
 * jar, served by the application itself (no build step, no CDN). It calls the public API like
 * any other client, with the bearer token from {@code /auth/token}.
 *
 * <p>Every answer under {@code /app/} carries a strict Content-Security-Policy: scripts, styles
 * and requests only from this origin, no inline script or style, no framing. The files are not
 * fingerprinted (there is no build step to rename them), so browsers must revalidate them
 * ({@code no-cache} with {@code Last-Modified}, answered 304 when unchanged): a long max-age
 * could mix the modules of two releases after an upgrade.
 */
final class Dashboard {

  /** Where the dashboard is served; {@code /app} redirects here. */
  static final String PATH = "/app/";

  private static final String ROOT = "webroot/app";

  private final CSPHandler policy = CSPHandler.create()
    .addDirective("script-src", "self")
    .addDirective("style-src", "self")
    .addDirective("img-src", "self")
    .addDirective("img-src", "data:")
    .addDirective("connect-src", "self")
    .addDirective("frame-ancestors", "none")
    .addDirective("base-uri", "none")
    .addDirective("form-action", "self");

  private final StaticHandler files = StaticHandler.create(ROOT)
    .setCachingEnabled(true)
    .setDirectoryListing(false)
    .setIncludeHidden(false)
    .setIndexPage("index.html");

  /** Routes {@code GET /app} and {@code GET /app/*}: the policy, the caching headers, then the files. */
  void mount(Router router) {
    router.get(PATH + "*").handler(policy).handler(this::headers).handler(files);
  }

  private void headers(RoutingContext ctx) {
    if (ctx.normalizedPath().length() < PATH.length()) {
      // "/app/*" also matches "/app": relative links in the page only resolve under "/app/".
      ctx.response().setStatusCode(301).putHeader(HttpHeaders.LOCATION, PATH).end();
      return;
    }
    // Replaces the API's no-store (Hygiene): these files are the same for everyone.
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    ctx.next();
  }
}
