package io.botfactory.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.webjars.WebJarVersionLocator;

/**
 * {@code /docs}: Swagger UI from the {@code org.webjars:swagger-ui} jar, served by the
 * application itself so it works with no internet access, pointed at {@code /openapi.json}
 * and with the OAuth2 password flow of the document, so "Authorize" logs in through
 * {@code /auth/token}.
 */
final class SwaggerUi {

  /** Where the page's scripts and styles are served from. */
  static final String ASSETS = "/docs/";

  /** The page's own script: no inline script, so the page's CSP can forbid every inline one. */
  static final String SCRIPT = ASSETS + "botfactory-swagger-init.js";

  /**
   * Scripts, styles, images and API calls from this origin only; no inline script, no frames,
   * no forms posting elsewhere. Swagger UI sets inline style attributes, hence that one allowance.
   */
  static final String CONTENT_SECURITY_POLICY = String.join("; ",
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'");

  private static final String PAGE = String.join("\n",
    "<!DOCTYPE html>",
    "<html lang=\"en\">",
    "<head>",
    "  <meta charset=\"utf-8\">",
    "  <title>BotFactory API - Swagger UI</title>",
    "  <link rel=\"stylesheet\" href=\"/docs/swagger-ui.css\">",
    "</head>",
    "<body>",
    "  <div id=\"swagger-ui\"></div>",
    "  <script src=\"/docs/swagger-ui-bundle.js\"></script>",
    "  <script src=\"/docs/swagger-ui-standalone-preset.js\"></script>",
    "  <script src=\"" + SCRIPT + "\"></script>",
    "</body>",
    "</html>");

  /**
   * The bearer token stays in the page's memory: persistAuthorization would keep it in
   * localStorage, where any script of this origin, and anyone at the browser after the user,
   * could read it long after it was needed.
   */
  private static final String INIT = String.join("\n",
    "window.ui = SwaggerUIBundle({",
    "  url: '/openapi.json',",
    "  dom_id: '#swagger-ui',",
    "  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],",
    "  layout: 'StandaloneLayout',",
    "  persistAuthorization: false,",
    "  validatorUrl: null",
    "});",
    "");

  private final Buffer page = Buffer.buffer(PAGE);
  private final Buffer init = Buffer.buffer(INIT);
  private final StaticHandler assets;

  SwaggerUi() {
    String version = new WebJarVersionLocator().version("swagger-ui");
    if (version == null) {
      throw new IllegalStateException("the swagger-ui webjar is not on the classpath");
    }
    this.assets = StaticHandler.create("META-INF/resources/webjars/swagger-ui/" + version)
      .setCachingEnabled(true)
      .setMaxAgeSeconds(86400)
      .setDirectoryListing(false);
  }

  void page(RoutingContext ctx) {
    ctx.response()
      .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
      .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
      .end(page);
  }

  /** {@value #SCRIPT}: starts Swagger UI on the document. */
  void script(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/javascript; charset=utf-8").end(init);
  }

  /** The webjar's files, for the route {@value #ASSETS}{@code *}. */
  StaticHandler assets() {
    return assets;
  }
}
