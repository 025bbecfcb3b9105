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
    "  <script>",
    "    window.ui = SwaggerUIBundle({",
    "      url: '/openapi.json',",
    "      dom_id: '#swagger-ui',",
    "      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],",
    "      layout: 'StandaloneLayout',",
    "      persistAuthorization: true,",
    "      validatorUrl: null",
    "    });",
    "  </script>",
    "</body>",
    "</html>");

  private final Buffer page = Buffer.buffer(PAGE);
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
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8").end(page);
  }

  /** The webjar's files, for the route {@value #ASSETS}{@code *}. */
  StaticHandler assets() {
    return assets;
  }
}
