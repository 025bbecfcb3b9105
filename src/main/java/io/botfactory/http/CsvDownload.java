package io.botfactory.http;

import io.botfactory.bus.Page;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Function;

/**
 * Sends an export of any size in constant memory: the service writes it as pages of CSV text
 * ({@value #PAGE} rows each), and each page is asked for while the one before is being written;
 * the next is asked only once that write has reached the socket. So a slow reader holds at most
 * two pages here, never the export. The first page decides the answer (404, 422, 503 before any
 * byte is sent); a page that fails later cuts the connection, so that a cut-off file never looks
 * complete.
 */
final class CsvDownload {

  /** Rows per page asked of the service. */
  static final int PAGE = 1000;
  static final String CSV = "text/csv; charset=utf-8";

  private CsvDownload() {
  }

  /** {@code pages}: the page after the given cursor (null: the first page, with the header row). */
  static void send(RoutingContext ctx, String filename, Function<String, Future<Page>> pages) {
    pages.apply(null).onSuccess(first -> {
      HttpServerResponse response = ctx.response().setStatusCode(200).setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, CSV)
        .putHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
      next(ctx, response, first, pages);
    }).onFailure(ctx::fail);
  }

  private static void next(RoutingContext ctx, HttpServerResponse response, Page page, Function<String, Future<Page>> pages) {
    if (page.nextAfter() == null) {
      response.end(page.json()).onFailure(ctx::fail);
      return;
    }
    Future<Void> written = response.write(page.json());
    Future<Page> following = pages.apply(page.nextAfter());
    Future.all(written, following)
      .onSuccess(both -> next(ctx, response, following.result(), pages))
      .onFailure(ctx::fail);
  }
}
