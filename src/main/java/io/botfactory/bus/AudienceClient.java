package io.botfactory.bus;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/** The Java face of the audience service's addresses, for the HTTP layer. */
public class AudienceClient {

  private final BusClient bus;
  private final BusClient bulk;

  /** {@code bulk} serves the requests that work through a bot's whole audience, with a longer timeout. */
  public AudienceClient(BusClient bus, BusClient bulk) {
    this.bus = bus;
    this.bulk = bulk;
  }

  /** A page of a bot's subscribers, oldest first, as JSON text. */
  public Future<Page> subscribers(ListSubscribersRequest request, String requestId) {
    return page(Addresses.AUDIENCE_SUBSCRIBERS_LIST, request, requestId);
  }

  /** A page of a bot's subscribers as CSV text. */
  public Future<Page> subscribersCsv(ListSubscribersRequest request, String requestId) {
    return page(Addresses.AUDIENCE_SUBSCRIBERS_CSV, request, requestId);
  }

  /** → Subscriber, with its new tags. */
  public Future<JsonObject> putTags(PutTagsRequest request, String requestId) {
    return bus.request(Addresses.AUDIENCE_TAGS_PUT, request, requestId);
  }

  /** → {"changed", "unknown"}. */
  public Future<JsonObject> changeTags(ChangeTagsRequest request, String requestId) {
    return bulk.request(Addresses.AUDIENCE_TAGS_CHANGE, request, requestId);
  }

  /** → {"days", "totals", "by_source", "by_tag"}. */
  public Future<JsonObject> stats(StatsRequest request, String requestId) {
    return bulk.request(Addresses.AUDIENCE_STATS, request, requestId);
  }

  /** → Broadcast. */
  public Future<JsonObject> createBroadcast(CreateBroadcastRequest request, String requestId) {
    return bus.request(Addresses.AUDIENCE_BROADCASTS_CREATE, request, requestId);
  }

  /** A page of a bot's broadcasts, newest first, as JSON text. */
  public Future<Page> broadcasts(ListBroadcastsRequest request, String requestId) {
    return page(Addresses.AUDIENCE_BROADCASTS_LIST, request, requestId);
  }

  /** → Broadcast, from {@code audience.broadcasts.get}, {@code .pause}, {@code .resume} or {@code .cancel}. */
  public Future<JsonObject> broadcast(Address<BroadcastRequest> address, BroadcastRequest request, String requestId) {
    return bus.request(address, request, requestId);
  }

  /** A page of a broadcast's recipients as CSV text. */
  public Future<Page> recipientsCsv(ListRecipientsRequest request, String requestId) {
    return page(Addresses.AUDIENCE_RECIPIENTS_CSV, request, requestId);
  }

  private <T extends BusMessage> Future<Page> page(Address<T> address, T request, String requestId) {
    return bus.<T, Buffer>message(address, request, requestId).map(Page::of);
  }
}
