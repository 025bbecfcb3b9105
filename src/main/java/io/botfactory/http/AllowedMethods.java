package io.botfactory.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code Allow} header of a 405. Vert.x computes the set but a custom 405 handler cannot
 * read it, so it is derived here from the router's own routes: those with methods whose path
 * template matches the request path.
 */
final class AllowedMethods {

  private AllowedMethods() {
  }

  static void putHeader(Router router, RoutingContext ctx) {
    Set<String> allowed = new TreeSet<>();
    String[] path = segments(ctx.request().path());
    for (Route route : router.getRoutes()) {
      // Routes with :params are compiled to patterns but keep their template path; pure regex routes have none.
      if (route.getPath() != null && route.methods() != null
        && matches(segments(route.getPath()), path)) {
        route.methods().stream().map(HttpMethod::name).forEach(allowed::add);
      }
    }
    if (!allowed.isEmpty()) {
      ctx.response().putHeader(HttpHeaders.ALLOW, String.join(", ", allowed));
    }
  }

  private static boolean matches(String[] template, String[] path) {
    if (template.length != path.length) {
      return false;
    }
    for (int i = 0; i < template.length; i++) {
      if (!template[i].startsWith(":") && !template[i].equals(path[i])) {
        return false;
      }
    }
    return true;
  }

  private static String[] segments(String path) {
    String trimmed = path == null ? "" : path.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
  }
}
