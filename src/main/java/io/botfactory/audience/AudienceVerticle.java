package io.botfactory.audience;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.BroadcastRequest;
import io.botfactory.bus.BusReply;
import io.botfactory.bus.ChangeTagsRequest;
import io.botfactory.bus.CreateBroadcastRequest;
import io.botfactory.bus.FieldErrors;
import io.botfactory.bus.Ids;
import io.botfactory.bus.ListBroadcastsRequest;
import io.botfactory.bus.ListRecipientsRequest;
import io.botfactory.bus.ListSubscribersRequest;
import io.botfactory.bus.Page;
import io.botfactory.bus.PutTagsRequest;
import io.botfactory.bus.ServiceEndpoints;
import io.botfactory.bus.StatsRequest;
import io.botfactory.config.DbSettings;
import io.botfactory.service.DatabaseService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.util.List;
import java.util.UUID;

/**
 * The audience service: a bot's subscribers (read, exported, tagged), its figures, and its
 * broadcasts as the owner creates and steers them. Every statement checks in the same round trip
 * that the client exists (else 401) and owns the bot (else the bot store's 404). Subscribers and
 * the daily figures are written by the update engine; running broadcasts is the engine's too.
 */
public class AudienceVerticle extends DatabaseService {

  /** Stands in for an id that is not a UUID: nothing has it, yet the query still checks the client. */
  private static final UUID NO_ID = new UUID(0, 0);
  /** The most rows of a JSON page, and of an export's page: an export is fetched a page at a time. */
  static final int MAX_PAGE = 100;
  static final int MAX_CSV_PAGE = 1000;
  static final int MAX_CHAT_IDS = 10_000;

  private SubscriberStore subscribers;
  private StatsStore stats;
  private BroadcastStore broadcasts;

  /** {@code drainMs}: how long a stop waits for requests in flight. */
  public AudienceVerticle(DbSettings db, long drainMs) {
    super(db, "audience", Addresses.AUDIENCE_HEALTH, drainMs);
  }

  @Override
  protected Future<Void> prepare(Pool pool) {
    subscribers = new SubscriberStore(pool);
    stats = new StatsStore(pool);
    broadcasts = new BroadcastStore(pool, vertx.eventBus());
    return Future.succeededFuture();
  }

  @Override
  protected Future<?> bind(ServiceEndpoints endpoints) {
    return Future.all(List.of(
      endpoints.bind(Addresses.AUDIENCE_SUBSCRIBERS_LIST, r -> subscribers.json(client(r.clientId()), id(r.botId()),
        filter(r, MAX_PAGE)).map(Page::reply)),
      endpoints.bind(Addresses.AUDIENCE_SUBSCRIBERS_CSV, r -> subscribers.csv(client(r.clientId()), id(r.botId()),
        filter(r, MAX_CSV_PAGE)).map(Page::reply)),
      endpoints.bind(Addresses.AUDIENCE_TAGS_PUT, this::putTags),
      endpoints.bind(Addresses.AUDIENCE_TAGS_CHANGE, this::changeTags),
      endpoints.bind(Addresses.AUDIENCE_SUBSCRIBERS_COUNT, r -> subscribers.count(client(r.clientId()), id(r.botId()),
        BroadcastDraft.segment(r.segment()))),
      endpoints.bind(Addresses.AUDIENCE_STATS, this::stats),
      endpoints.bind(Addresses.AUDIENCE_BROADCASTS_CREATE, this::create),
      endpoints.bind(Addresses.AUDIENCE_BROADCASTS_LIST, this::list),
      endpoints.bind(Addresses.AUDIENCE_BROADCASTS_GET, r -> broadcasts.get(client(r.clientId()), id(r.botId()),
        id(r.broadcastId()))),
      endpoints.bind(Addresses.AUDIENCE_BROADCASTS_PAUSE, r -> transition(r, "running", "paused",
        "Only a running broadcast can be paused")),
      endpoints.bind(Addresses.AUDIENCE_BROADCASTS_RESUME, r -> transition(r, "paused", "running",
        "Only a paused broadcast can be resumed")),
      endpoints.bind(Addresses.AUDIENCE_BROADCASTS_CANCEL, r -> broadcasts.cancel(client(r.clientId()), id(r.botId()),
        id(r.broadcastId()))),
      endpoints.bind(Addresses.AUDIENCE_RECIPIENTS_CSV, this::recipients)));
  }

  private Future<JsonObject> putTags(PutTagsRequest request) {
    String[] tags = Tags.parse(request.tags(), "tags", Tags.MAX);
    return subscribers.putTags(client(request.clientId()), id(request.botId()), request.chatId(), tags);
  }

  /** The lists are checked before anything is read: a change refused is refused whole. */
  private Future<JsonObject> changeTags(ChangeTagsRequest request) {
    String[] add = Tags.parse(request.add(), "add", Tags.MAX);
    String[] remove = Tags.parse(request.remove(), "remove", MAX_PAGE);
    Tags.disjoint(add, remove);
    JsonArray given = request.chatIds();
    if (given == null || given.size() > MAX_CHAT_IDS) {
      throw FieldErrors.single("body", "chat_ids", "List should have at most " + MAX_CHAT_IDS
        + " items after validation", "too_long");
    }
    Long[] chatIds = new Long[given.size()];
    for (int i = 0; i < chatIds.length; i++) {
      chatIds[i] = given.getLong(i);
    }
    return subscribers.changeTags(client(request.clientId()), id(request.botId()), chatIds, add, remove);
  }

  private Future<JsonObject> stats(StatsRequest request) {
    int days = Math.max(1, Math.min(365, request.days()));
    return stats.stats(client(request.clientId()), id(request.botId()), days);
  }

  private Future<JsonObject> create(CreateBroadcastRequest request) {
    BroadcastDraft draft = BroadcastDraft.parse(request.text(), request.silent(), request.segment(), request.sendAt());
    return broadcasts.create(client(request.clientId()), id(request.botId()), draft);
  }

  private Future<BusReply> list(ListBroadcastsRequest request) {
    UUID after = request.after() == null ? null : id(request.after());
    int limit = Math.max(1, Math.min(MAX_PAGE, request.limit()));
    return broadcasts.list(client(request.clientId()), id(request.botId()), limit, after).map(Page::reply);
  }

  private Future<JsonObject> transition(BroadcastRequest request, String from, String to, String refusal) {
    return broadcasts.transition(client(request.clientId()), id(request.botId()), id(request.broadcastId()), from, to,
      refusal);
  }

  private Future<BusReply> recipients(ListRecipientsRequest request) {
    int limit = Math.max(1, Math.min(MAX_CSV_PAGE, request.limit()));
    return broadcasts.recipients(client(request.clientId()), id(request.botId()), id(request.broadcastId()), limit,
      request.after()).map(Page::reply);
  }

  private static SubscriberStore.Filter filter(ListSubscribersRequest request, int maxPage) {
    int limit = Math.max(1, Math.min(maxPage, request.limit()));
    return new SubscriberStore.Filter(request.status(), request.tag(), request.source(), limit, request.after());
  }

  /** The caller's id; the router put it there from a verified token, so a bad one means the client is gone. */
  private static UUID client(String clientId) {
    UUID id = Ids.uuid(clientId);
    if (id == null) {
      throw OwnedRows.clientGone();
    }
    return id;
  }

  private static UUID id(String id) {
    UUID uuid = Ids.uuid(id);
    return uuid == null ? NO_ID : uuid;
  }
}
