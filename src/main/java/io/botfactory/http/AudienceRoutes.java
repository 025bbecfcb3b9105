package io.botfactory.http;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.BusClient;
import io.botfactory.bus.ChangeTagsRequest;
import io.botfactory.bus.CountSubscribersRequest;
import io.botfactory.bus.ListSubscribersRequest;
import io.botfactory.bus.PutTagsRequest;
import io.botfactory.bus.StatsRequest;
import io.botfactory.http.openapi.Validated;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.openapi.validation.RequestParameter;

/**
 * A bot's audience, for its owner: {@code GET /bots/{bot_id}/subscribers} (and its CSV export),
 * the subscribers' tags, how many of them a broadcast's segment takes, and
 * {@code GET /bots/{bot_id}/stats}. Owner only, like every bot route: the audience service
 * answers 404 for anyone else's bot.
 */
final class AudienceRoutes {

  private final BusClient bus;

  AudienceRoutes(BusClient bus) {
    this.bus = bus;
  }

  void subscribers(RoutingContext ctx) {
    String bot = ctx.pathParam("bot_id");
    ListSubscribersRequest request = filtered(ctx, query(ctx, "limit", BotRoutes.MAX_PAGE), queryLong(ctx, "after"));
    Responses.page(ctx, bus.page(Addresses.AUDIENCE_SUBSCRIBERS_LIST, request, RequestIds.get(ctx)),
      next -> "/bots/" + bot + "/subscribers?limit=" + request.limit() + "&after=" + next + filters(request));
  }

  /** Every match, page after page, as one CSV file. */
  void exportSubscribers(RoutingContext ctx) {
    ListSubscribersRequest first = filtered(ctx, CsvDownload.PAGE, null);
    CsvDownload.send(ctx, "subscribers-" + first.botId() + ".csv", after -> bus.page(Addresses.AUDIENCE_SUBSCRIBERS_CSV,
      new ListSubscribersRequest(first.clientId(), first.botId(), first.status(), first.tag(), first.source(), first.limit(),
        after == null ? null : Long.valueOf(after)), RequestIds.get(ctx)));
  }

  void putTags(RoutingContext ctx) {
    PutTagsRequest request = new PutTagsRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"),
      Validated.path(ctx, "chat_id").getLong(), Validated.body(ctx).getJsonArray("tags"));
    Responses.reply(ctx, 200, bus.request(Addresses.AUDIENCE_TAGS_PUT, request, RequestIds.get(ctx)));
  }

  void changeTags(RoutingContext ctx) {
    JsonObject body = Validated.body(ctx);
    ChangeTagsRequest request = new ChangeTagsRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"),
      body.getJsonArray("chat_ids"), body.getJsonArray("add"), body.getJsonArray("remove"));
    Responses.reply(ctx, 200, bus.request(Addresses.AUDIENCE_TAGS_CHANGE, request, RequestIds.get(ctx)));
  }

  /** How many subscribers a broadcast's segment would reach now. */
  void count(RoutingContext ctx) {
    CountSubscribersRequest request = new CountSubscribersRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"),
      Validated.body(ctx).getJsonObject("segment"));
    Responses.reply(ctx, 200, bus.request(Addresses.AUDIENCE_SUBSCRIBERS_COUNT, request, RequestIds.get(ctx)));
  }

  void stats(RoutingContext ctx) {
    StatsRequest request = new StatsRequest(BearerTokenGate.clientId(ctx), ctx.pathParam("bot_id"), query(ctx, "days", 30));
    Responses.reply(ctx, 200, bus.request(Addresses.AUDIENCE_STATS, request, RequestIds.get(ctx)));
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
