package io.botfactory.integration;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.BusReply;
import io.botfactory.bus.CreateEndpointRequest;
import io.botfactory.bus.DeliveriesDue;
import io.botfactory.bus.DeliveryRequest;
import io.botfactory.bus.FieldErrors;
import io.botfactory.bus.ListDeliveriesRequest;
import io.botfactory.bus.Page;
import io.botfactory.bus.ReplayRequest;
import io.botfactory.bus.SendMessageRequest;
import io.botfactory.bus.ServiceEndpoints;
import io.botfactory.config.DbSettings;
import io.botfactory.config.TokenKeySettings;
import io.botfactory.security.TokenCipher;
import io.botfactory.service.DatabaseService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.botfactory.integration.Owned.client;
import static io.botfactory.integration.Owned.id;

/**
 * The integration service (role {@code storage}): a bot's event endpoints and their delivery logs
 * as the owner keeps them, and the messages the owner queues through the API. Every statement
 * checks in the same round trip that the client exists (else 401) and owns the bot (else 404).
 * The update engine writes the events and sends the messages; the delivery workers deliver.
 */
public class IntegrationVerticle extends DatabaseService {

  static final int MAX_PAGE = 100;
  /** Telegram's limit, in UTF-16 code units. */
  static final int MAX_TEXT = 4096;
  private static final Set<String> DELIVERY_STATUSES = Set.of("pending", "delivered", "failed");

  private final TokenKeySettings tokenKey;
  private final EndpointInput input;
  private EndpointStore endpoints;
  private DeliveryLog deliveries;
  private MessageStore messages;

  /** {@code allowHttp}: plain http endpoint URLs are accepted; {@code drainMs}: how long a stop waits for requests in flight. */
  public IntegrationVerticle(DbSettings db, TokenKeySettings tokenKey, boolean allowHttp, long drainMs) {
    super(db, "integration", Addresses.INTEGRATION_HEALTH, drainMs);
    this.tokenKey = tokenKey;
    this.input = new EndpointInput(allowHttp);
  }

  @Override
  protected Future<Void> prepare(Pool pool) {
    endpoints = new EndpointStore(pool, TokenCipher.of(tokenKey));
    deliveries = new DeliveryLog(pool);
    messages = new MessageStore(pool, vertx.eventBus());
    return Future.succeededFuture();
  }

  @Override
  protected Future<?> bind(ServiceEndpoints bus) {
    return Future.all(List.of(
      bus.bind(Addresses.INTEGRATION_ENDPOINTS_CREATE, this::create),
      bus.bind(Addresses.INTEGRATION_ENDPOINTS_LIST, r -> endpoints.list(client(r.clientId()), id(r.botId()))
        .map(Page::reply)),
      bus.bind(Addresses.INTEGRATION_ENDPOINTS_GET, r -> endpoints.get(client(r.clientId()), id(r.botId()),
        id(r.endpointId()))),
      bus.bind(Addresses.INTEGRATION_ENDPOINTS_UPDATE, r -> endpoints.update(client(r.clientId()), id(r.botId()),
        id(r.endpointId()), EndpointChange.parse(r.changes(), input))),
      bus.bind(Addresses.INTEGRATION_ENDPOINTS_DELETE, r -> endpoints.delete(client(r.clientId()), id(r.botId()),
        id(r.endpointId()))),
      bus.bind(Addresses.INTEGRATION_ENDPOINTS_ROTATE, r -> endpoints.rotate(client(r.clientId()), id(r.botId()),
        id(r.endpointId()))),
      bus.bind(Addresses.INTEGRATION_ENDPOINTS_REPLAY, this::replay),
      bus.bind(Addresses.INTEGRATION_DELIVERIES_LIST, this::deliveries),
      bus.bind(Addresses.INTEGRATION_DELIVERIES_RETRY, this::retry),
      bus.bind(Addresses.INTEGRATION_MESSAGES_SEND, this::send),
      bus.bind(Addresses.INTEGRATION_MESSAGES_GET, r -> messages.get(client(r.clientId()), id(r.botId()),
        id(r.messageId())))));
  }

  private Future<JsonObject> create(CreateEndpointRequest request) {
    String url = input.url(request.url());
    String[] events = EndpointInput.events(request.events());
    String description = EndpointInput.description(request.description());
    return endpoints.create(client(request.clientId()), id(request.botId()), url, events, description);
  }

  private Future<BusReply> deliveries(ListDeliveriesRequest request) {
    String status = request.status();
    if (status != null && !DELIVERY_STATUSES.contains(status)) {
      throw FieldErrors.single("query", "status", "Input should be 'pending', 'delivered' or 'failed'", "enum");
    }
    UUID after = request.after() == null ? null : id(request.after());
    int limit = Math.max(1, Math.min(MAX_PAGE, request.limit()));
    return deliveries.list(client(request.clientId()), id(request.botId()), id(request.endpointId()), status, limit, after)
      .map(Page::reply);
  }

  private Future<JsonObject> retry(DeliveryRequest request) {
    return deliveries.retry(client(request.clientId()), id(request.botId()), id(request.endpointId()),
      id(request.deliveryId())).onSuccess(delivery -> due(1));
  }

  private Future<JsonObject> replay(ReplayRequest request) {
    OffsetDateTime since;
    try {
      since = request.since() == null ? null : OffsetDateTime.parse(request.since());
    } catch (DateTimeParseException e) {
      since = null;
    }
    if (since == null) {
      throw FieldErrors.single("body", "since", "Input should be a valid datetime", "datetime_parsing");
    }
    return deliveries.replay(client(request.clientId()), id(request.botId()), id(request.endpointId()), since)
      .onSuccess(replayed -> due(replayed.getLong("replayed")));
  }

  private Future<JsonObject> send(SendMessageRequest request) {
    String text = request.text();
    if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
      throw FieldErrors.single("body", "text", "String should have 1 to " + MAX_TEXT
        + " UTF-16 code units, not only whitespace", text == null || text.isBlank() ? "string_too_short" : "string_too_long");
    }
    String key = request.idempotencyKey();
    if (key != null && !key.matches("[\\x21-\\x7e]{1,255}")) {
      throw FieldErrors.single("header", "Idempotency-Key", "Value error, 1 to 255 visible ASCII characters", "value_error");
    }
    return messages.send(client(request.clientId()), id(request.botId()), request.chatId(), text, request.silent(), key);
  }

  /** Wakes a delivery worker for deliveries made due now; its sweep would find them within a second anyway. */
  private void due(long count) {
    if (count > 0) {
      vertx.eventBus().send(Addresses.DELIVERIES_DUE.name(), new DeliveriesDue(count).toJson());
    }
  }
}
