package io.botfactory.bus;

/**
 * Every event-bus address BotFactory uses, each with the request type it takes.
 * docs/event-bus.md describes the reply and failure codes of each one; DocsTest keeps the two
 * in step.
 */
public final class Addresses {

  /** → Client. */
  public static final Address<RegisterRequest> AUTH_REGISTER =
    new Address<>("auth.register", RegisterRequest.class, Timeout.HASHING);
  /** → {@link AccessToken}. */
  public static final Address<LoginRequest> AUTH_LOGIN =
    new Address<>("auth.login", LoginRequest.class, Timeout.HASHING);
  /** → Client. */
  public static final Address<ClientRequest> CLIENTS_GET =
    new Address<>("clients.get", ClientRequest.class);
  /** → ApiKey, without the key (the HTTP node made it, and adds it to its answer). */
  public static final Address<CreateApiKeyRequest> AUTH_APIKEYS_CREATE =
    new Address<>("auth.apikeys.create", CreateApiKeyRequest.class);
  /** → {"api_keys": [ApiKey]}, oldest first. */
  public static final Address<ClientRequest> AUTH_APIKEYS_LIST =
    new Address<>("auth.apikeys.list", ClientRequest.class);
  /** → {}, once the key is deleted and every HTTP verticle instance has dropped it ({@link #AUTH_APIKEYS_REVOKED}). */
  public static final Address<ApiKeyRequest> AUTH_APIKEYS_DELETE =
    new Address<>("auth.apikeys.delete", ApiKeyRequest.class);
  /**
   * → {} to {@code auth.apikeys.revoked.<listener>} ({@link Address#at}), once that HTTP verticle
   * instance has dropped the key from its cache. Sent to every listener ({@link ApiKeyListeners})
   * before a revocation is answered.
   */
  public static final Address<ApiKeyRevoked> AUTH_APIKEYS_REVOKED =
    new Address<>("auth.apikeys.revoked", ApiKeyRevoked.class);
  /** → {@link ApiKeyOwner}; 401 for a hash no key has. For the HTTP layer's gate. */
  public static final Address<VerifyApiKeyRequest> AUTH_APIKEY_VERIFY =
    new Address<>("auth.apikey.verify", VerifyApiKeyRequest.class);
  /** → {"status": "UP"} once the auth service has reached its database. For readiness checks. */
  public static final Address<HealthRequest> AUTH_HEALTH =
    new Address<>("auth.health", HealthRequest.class);

  /** → Bot. */
  public static final Address<CreateBotRequest> BOTS_CREATE =
    new Address<>("bots.create", CreateBotRequest.class, Timeout.TELEGRAM);
  /** → {@link Page}: the JSON text of the client's [Bot], oldest first, with a header when more remain. */
  public static final Address<ListBotsRequest> BOTS_LIST =
    new Address<>("bots.list", ListBotsRequest.class);
  /** → Bot. */
  public static final Address<BotRequest> BOTS_GET =
    new Address<>("bots.get", BotRequest.class);
  /** → Bot, with a later {@code updated_at}. */
  public static final Address<UpdateBotRequest> BOTS_UPDATE =
    new Address<>("bots.update", UpdateBotRequest.class, Timeout.CHANGE);
  /** → {}. */
  public static final Address<BotRequest> BOTS_DELETE =
    new Address<>("bots.delete", BotRequest.class, Timeout.CHANGE);
  /** → {@link BotToken}. For the platform's own workers only; never routed to HTTP. */
  public static final Address<BotTokenRequest> BOTS_TOKEN =
    new Address<>("bots.token", BotTokenRequest.class);
  /** → {"commands": [...], "fallback_reply"}. */
  public static final Address<BotRequest> BOTS_COMMANDS_GET =
    new Address<>("bots.commands.get", BotRequest.class);
  /** → {"commands": [...], "fallback_reply"}, as stored. */
  public static final Address<PutCommandsRequest> BOTS_COMMANDS_PUT =
    new Address<>("bots.commands.put", PutCommandsRequest.class);
  /** → {"status", "last_error", "last_error_at", "telegram"}: the stored state and Telegram's live view. */
  public static final Address<BotRequest> BOTS_WEBHOOK_GET =
    new Address<>("bots.webhook.get", BotRequest.class, Timeout.TELEGRAM);
  /** → {@link Page}: the JSON text of a bot's [Chat], oldest first, with a header when more remain. */
  public static final Address<ListChatsRequest> BOTS_CHATS_LIST =
    new Address<>("bots.chats.list", ListChatsRequest.class);
  /** → {"status": "UP"} once the bot-storage service has reached its database. For readiness checks. */
  public static final Address<HealthRequest> BOTS_HEALTH =
    new Address<>("bots.health", HealthRequest.class);

  /** → {@link Page}: the JSON text of a bot's [Subscriber], oldest first, with a header when more remain. */
  public static final Address<ListSubscribersRequest> AUDIENCE_SUBSCRIBERS_LIST =
    new Address<>("audience.subscribers.list", ListSubscribersRequest.class);
  /** → {@link Page}: CSV text of the subscribers (the header row first on the first page), with a header when more remain. */
  public static final Address<ListSubscribersRequest> AUDIENCE_SUBSCRIBERS_CSV =
    new Address<>("audience.subscribers.csv", ListSubscribersRequest.class);
  /** → Subscriber, with its new tags. */
  public static final Address<PutTagsRequest> AUDIENCE_TAGS_PUT =
    new Address<>("audience.subscribers.tags.put", PutTagsRequest.class);
  /** → {"changed", "unknown"}. */
  public static final Address<ChangeTagsRequest> AUDIENCE_TAGS_CHANGE =
    new Address<>("audience.subscribers.tags.change", ChangeTagsRequest.class, Timeout.BULK);
  /** → {"count"}: the subscribers a broadcast's segment takes now, counted through the bot's whole audience. */
  public static final Address<CountSubscribersRequest> AUDIENCE_SUBSCRIBERS_COUNT =
    new Address<>("audience.subscribers.count", CountSubscribersRequest.class, Timeout.BULK);
  /** → {"days", "totals", "by_source", "by_tag"}. */
  public static final Address<StatsRequest> AUDIENCE_STATS =
    new Address<>("audience.stats", StatsRequest.class, Timeout.BULK);
  /** → Broadcast, scheduled. */
  public static final Address<CreateBroadcastRequest> AUDIENCE_BROADCASTS_CREATE =
    new Address<>("audience.broadcasts.create", CreateBroadcastRequest.class);
  /** → {@link Page}: the JSON text of [Broadcast], newest first, with a header when more remain. */
  public static final Address<ListBroadcastsRequest> AUDIENCE_BROADCASTS_LIST =
    new Address<>("audience.broadcasts.list", ListBroadcastsRequest.class);
  /** → Broadcast. */
  public static final Address<BroadcastRequest> AUDIENCE_BROADCASTS_GET =
    new Address<>("audience.broadcasts.get", BroadcastRequest.class);
  /** → Broadcast, paused. */
  public static final Address<BroadcastRequest> AUDIENCE_BROADCASTS_PAUSE =
    new Address<>("audience.broadcasts.pause", BroadcastRequest.class);
  /** → Broadcast, running again. */
  public static final Address<BroadcastRequest> AUDIENCE_BROADCASTS_RESUME =
    new Address<>("audience.broadcasts.resume", BroadcastRequest.class);
  /** → Broadcast, cancelled. */
  public static final Address<BroadcastRequest> AUDIENCE_BROADCASTS_CANCEL =
    new Address<>("audience.broadcasts.cancel", BroadcastRequest.class);
  /** → {@link Page}: CSV text of the broadcast's recipients (the header row first on the first page). */
  public static final Address<ListRecipientsRequest> AUDIENCE_RECIPIENTS_CSV =
    new Address<>("audience.broadcasts.recipients.csv", ListRecipientsRequest.class);
  /** → {"status": "UP"} once the audience service has reached its database. For readiness checks. */
  public static final Address<HealthRequest> AUDIENCE_HEALTH =
    new Address<>("audience.health", HealthRequest.class);

  /** → Endpoint, with its {@code secret} (the one time it is shown). */
  public static final Address<CreateEndpointRequest> INTEGRATION_ENDPOINTS_CREATE =
    new Address<>("integration.endpoints.create", CreateEndpointRequest.class);
  /** → {@link Page}: the JSON text of every [Endpoint] of the bot, oldest first. */
  public static final Address<BotRequest> INTEGRATION_ENDPOINTS_LIST =
    new Address<>("integration.endpoints.list", BotRequest.class);
  /** → Endpoint. */
  public static final Address<EndpointRequest> INTEGRATION_ENDPOINTS_GET =
    new Address<>("integration.endpoints.get", EndpointRequest.class);
  /** → Endpoint, changed. */
  public static final Address<UpdateEndpointRequest> INTEGRATION_ENDPOINTS_UPDATE =
    new Address<>("integration.endpoints.update", UpdateEndpointRequest.class);
  /** → {}. */
  public static final Address<EndpointRequest> INTEGRATION_ENDPOINTS_DELETE =
    new Address<>("integration.endpoints.delete", EndpointRequest.class);
  /** → Endpoint, with its new {@code secret}. */
  public static final Address<EndpointRequest> INTEGRATION_ENDPOINTS_ROTATE =
    new Address<>("integration.endpoints.rotate", EndpointRequest.class);
  /** → {"replayed"}. */
  public static final Address<ReplayRequest> INTEGRATION_ENDPOINTS_REPLAY =
    new Address<>("integration.endpoints.replay", ReplayRequest.class);
  /** → {@link Page}: the JSON text of [Delivery], newest first, with a header when more remain. */
  public static final Address<ListDeliveriesRequest> INTEGRATION_DELIVERIES_LIST =
    new Address<>("integration.deliveries.list", ListDeliveriesRequest.class);
  /** → Delivery, pending and due now. */
  public static final Address<DeliveryRequest> INTEGRATION_DELIVERIES_RETRY =
    new Address<>("integration.deliveries.retry", DeliveryRequest.class);
  /** → Message, queued (or the first request's, for a repeated idempotency key). */
  public static final Address<SendMessageRequest> INTEGRATION_MESSAGES_SEND =
    new Address<>("integration.messages.send", SendMessageRequest.class);
  /** → Message. */
  public static final Address<MessageRequest> INTEGRATION_MESSAGES_GET =
    new Address<>("integration.messages.get", MessageRequest.class);
  /** → {"status": "UP"} once the integration service has reached its database. For readiness checks. */
  public static final Address<HealthRequest> INTEGRATION_HEALTH =
    new Address<>("integration.health", HealthRequest.class);

  /** → {@link UpdateStored}, once the update is committed; 401 for a bot that does not exist. */
  public static final Address<StoreUpdateRequest> UPDATES_STORE =
    new Address<>("telegram.updates.store", StoreUpdateRequest.class);
  /** → {"status": "UP"} once the inbox service has reached its database. For readiness checks. */
  public static final Address<HealthRequest> UPDATES_HEALTH =
    new Address<>("telegram.updates.health", HealthRequest.class);

  /** Sent, no reply, to one engine node: a bot has updates and no live node holds it. */
  public static final Address<BotTake> ENGINE_TAKE =
    new Address<>("engine.take", BotTake.class);
  /** Sent, no reply, to {@code engine.updates.<node>} ({@link Address#at}): an update for a bot that node holds. */
  public static final Address<EngineUpdate> ENGINE_UPDATES =
    new Address<>("engine.updates", EngineUpdate.class);
  /** → {} to {@code engine.changes.<node>}, once nothing decided under an older version of the bot can be sent. */
  public static final Address<BotChanged> ENGINE_CHANGES =
    new Address<>("engine.changes", BotChanged.class);

  /** Sent, no reply, to {@code engine.messages.<node>}: messages queued through the API for a bot that node holds. */
  public static final Address<EngineMessages> ENGINE_MESSAGES =
    new Address<>("engine.messages", EngineMessages.class);

  /** Sent, no reply, to one delivery worker: deliveries to owners' endpoints were just written. */
  public static final Address<DeliveriesDue> DELIVERIES_DUE =
    new Address<>("deliveries.due", DeliveriesDue.class);

  /** Published {@link BotEvent} after every committed bot change. */
  public static final String BOTS_EVENTS = "bots.events";

  private Addresses() {
  }
}
