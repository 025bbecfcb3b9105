package io.botfactory.http;

import io.botfactory.bus.AudienceClient;
import io.botfactory.bus.ChangeTagsRequest;
import io.botfactory.bus.ListSubscribersRequest;
import io.botfactory.bus.PutTagsRequest;
import io.botfactory.bus.StatsRequest;
import io.botfactory.http.openapi.Validated;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;

/**
 * A bot's audience, for its owner: {@code GET /bots/{bot_id}/subscribers} (and its CSV export),
 * the subscribers' tags, and {@code GET /bots/{bot_id}/stats}. Owner only, like every bot route:
 * the audience service answers 404 for anyone else's bot.
 */
final class AudienceRoutes {

  private final AudienceClient audience;

  AudienceRoutes(AudienceClient audience) {
    this.audience = audience;
  }

  void subscribers(RoutingContext ctx) {
    String bot = ctx.pathParam("bot_id");
    ListSubscribersRequest request = filtered(ctx, query(ctx, "limit", BotRoutes.MAX_PAGE), queryLong(ctx, "after"));
    audience.subscribers(request, RequestIds.get(ctx))
      .onSuccess(page -> {
        if (page.nextAfter() != null) {
          ctx.response().putHeader("Link", "</bots/" + bot + "/subscribers?limit=" + request.limit() + "&after="
            + page.nextAfter() + filters(request) + ">; rel=\"next\"");
        }
        Responses.jsonText(ctx, 200, page.json());
      })
      .onFailure(ctx::fail);
  }

  /** Every match, page after page, as one CSV file. */
  void exportSubscribers(RoutingContext ctx) {
    ListSubscribersRequest first = filtered(ctx, CsvDownload.PAGE, null);
    CsvDownload.send(ctx, "subscribers-" + first.botId() + ".csv", after -> audience.subscribersCsv(
      new ListSubscribersRequest(first.clientId(), first.botId(), first.status(), first.tag(), first.source(), first.limit(),
        after == null ? null : Long.valueOf(after)), RequestIds.get(ctx)));
  }

  void putTags(RoutingContext ctx) {
    PutTagsRequest request = new PutTagsRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"),
      Validated.path(ctx, "chat_id").getLong(), Validated.body(ctx).getJsonArray("tags"));
    audience.putTags(request, RequestIds.get(ctx))
      .onSuccess(subscriber -> Responses.json(ctx, 200, subscriber))
      .onFailure(ctx::fail);
  }

  void changeTags(RoutingContext ctx) {
    JsonObject body = Validated.body(ctx);
    ChangeTagsRequest request = new ChangeTagsRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"),
      body.getJsonArray("chat_ids"), body.getJsonArray("add"), body.getJsonArray("remove"));
    audience.changeTags(request, RequestIds.get(ctx))
      .onSuccess(counts -> Responses.json(ctx, 200, counts))
      .onFailure(ctx::fail);
  }

  void stats(RoutingContext ctx) {
    StatsRequest request = new StatsRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"), query(ctx, "days", 30));
    audience.stats(request, RequestIds.get(ctx))
      .onSuccess(stats -> Responses.json(ctx, 200, stats))
      .onFailure(ctx::fail);
  }

  private static ListSubscribersRequest filtered(RoutingContext ctx, int limit, Long after) {
    return new ListSubscribersRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"), queryText(ctx, "status"),
      queryText(ctx, "tag"), queryText(ctx, "source"), limit, after);
  }

  /** The filters of the next page's link; the document let through only values that need no escaping. */
  private static String filters(ListSubscribersRequest request) {
    return (request.status() == null ? "" : "&status=" + request.status())
      + (request.tag() == null ? "" : "&tag=" + request.tag())
      + (request.source() == null ? "" : "&source=" + request.source());
  }

  static int query(RoutingContext ctx, String name, int otherwise) {
    RequestParameter value = Validated.query(ctx, name);
    return value == null ? otherwise : value.getInteger();
  }

  static Long queryLong(RoutingContext ctx, String name) {
    RequestParameter value = Validated.query(ctx, name);
    return value == null ? null : value.getLong();
  }

  static String queryText(RoutingContext ctx, String name) {
    RequestParameter value = Validated.query(ctx, name);
    return value == null ? null : value.getString();
  }
}
