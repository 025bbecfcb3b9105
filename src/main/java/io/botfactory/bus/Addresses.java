package io.botfactory.bus;

/**
 * Every event-bus address BotFactory uses, each with the request type it takes.
 * docs/event-bus.md describes the reply and failure codes of each one; DocsTest keeps the two
 * in step.
 */
public final class Addresses {

  /** → Client. */
  public static final Address<RegisterRequest> AUTH_REGISTER =
    new Address<>("auth.register", RegisterRequest.class, RegisterRequest::fromJson);
  /** → {@link AccessToken}. */
  public static final Address<LoginRequest> AUTH_LOGIN =
    new Address<>("auth.login", LoginRequest.class, LoginRequest::fromJson);
  /** → Client. */
  public static final Address<ClientRequest> CLIENTS_GET =
    new Address<>("clients.get", ClientRequest.class, ClientRequest::fromJson);
  /** → {"status": "UP"} once the auth service has reached its database. For readiness checks. */
  public static final Address<HealthRequest> AUTH_HEALTH =
    new Address<>("auth.health", HealthRequest.class, HealthRequest::fromJson);

  /** → Bot. */
  public static final Address<CreateBotRequest> BOTS_CREATE =
    new Address<>("bots.create", CreateBotRequest.class, CreateBotRequest::fromJson);
  /** → {@link Page}: the JSON text of [Bot], with a header when more remain. */
  public static final Address<ListBotsRequest> BOTS_LIST =
    new Address<>("bots.list", ListBotsRequest.class, ListBotsRequest::fromJson);
  /** → Bot. */
  public static final Address<BotRequest> BOTS_GET =
    new Address<>("bots.get", BotRequest.class, BotRequest::fromJson);
  /** → Bot. */
  public static final Address<UpdateBotRequest> BOTS_UPDATE =
    new Address<>("bots.update", UpdateBotRequest.class, UpdateBotRequest::fromJson);
  /** → {}. */
  public static final Address<BotRequest> BOTS_DELETE =
    new Address<>("bots.delete", BotRequest.class, BotRequest::fromJson);
  /** → {@link BotToken}. For the platform's own workers only; never routed to HTTP. */
  public static final Address<BotTokenRequest> BOTS_TOKEN =
    new Address<>("bots.token", BotTokenRequest.class, BotTokenRequest::fromJson);
  /** → {"commands": [...], "fallback_reply"}. */
  public static final Address<BotRequest> BOTS_COMMANDS_GET =
    new Address<>("bots.commands.get", BotRequest.class, BotRequest::fromJson);
  /** → {"commands": [...], "fallback_reply"}, as stored. */
  public static final Address<PutCommandsRequest> BOTS_COMMANDS_PUT =
    new Address<>("bots.commands.put", PutCommandsRequest.class, PutCommandsRequest::fromJson);
  /** → {"status", "last_error", "last_error_at", "telegram"}: the stored state and Telegram's live view. */
  public static final Address<BotRequest> BOTS_WEBHOOK_GET =
    new Address<>("bots.webhook.get", BotRequest.class, BotRequest::fromJson);
  /** → {@link Page}: the JSON text of [Chat], with a header when more remain. */
  public static final Address<ListChatsRequest> BOTS_CHATS_LIST =
    new Address<>("bots.chats.list", ListChatsRequest.class, ListChatsRequest::fromJson);
  /** → {"status": "UP"} once the bot-storage service has reached its database. For readiness checks. */
  public static final Address<HealthRequest> BOTS_HEALTH =
    new Address<>("bots.health", HealthRequest.class, HealthRequest::fromJson);

  /** → {@link Page}: the JSON text of [Subscriber], with a header when more remain. */
  public static final Address<ListSubscribersRequest> AUDIENCE_SUBSCRIBERS_LIST =
    new Address<>("audience.subscribers.list", ListSubscribersRequest.class, ListSubscribersRequest::fromJson);
  /** → {@link Page}: CSV text of the subscribers (the header row first on the first page), with a header when more remain. */
  public static final Address<ListSubscribersRequest> AUDIENCE_SUBSCRIBERS_CSV =
    new Address<>("audience.subscribers.csv", ListSubscribersRequest.class, ListSubscribersRequest::fromJson);
  /** → Subscriber. */
  public static final Address<PutTagsRequest> AUDIENCE_TAGS_PUT =
    new Address<>("audience.subscribers.tags.put", PutTagsRequest.class, PutTagsRequest::fromJson);
  /** → {"changed", "unknown"}. */
  public static final Address<ChangeTagsRequest> AUDIENCE_TAGS_CHANGE =
    new Address<>("audience.subscribers.tags.change", ChangeTagsRequest.class, ChangeTagsRequest::fromJson);
  /** → {"days", "totals", "by_source", "by_tag"}. */
  public static final Address<StatsRequest> AUDIENCE_STATS =
    new Address<>("audience.stats", StatsRequest.class, StatsRequest::fromJson);
  /** → Broadcast, scheduled. */
  public static final Address<CreateBroadcastRequest> AUDIENCE_BROADCASTS_CREATE =
    new Address<>("audience.broadcasts.create", CreateBroadcastRequest.class, CreateBroadcastRequest::fromJson);
  /** → {@link Page}: the JSON text of [Broadcast], newest first, with a header when more remain. */
  public static final Address<ListBroadcastsRequest> AUDIENCE_BROADCASTS_LIST =
    new Address<>("audience.broadcasts.list", ListBroadcastsRequest.class, ListBroadcastsRequest::fromJson);
  /** → Broadcast. */
  public static final Address<BroadcastRequest> AUDIENCE_BROADCASTS_GET =
    new Address<>("audience.broadcasts.get", BroadcastRequest.class, BroadcastRequest::fromJson);
  /** → Broadcast, paused. */
  public static final Address<BroadcastRequest> AUDIENCE_BROADCASTS_PAUSE =
    new Address<>("audience.broadcasts.pause", BroadcastRequest.class, BroadcastRequest::fromJson);
  /** → Broadcast, running again. */
  public static final Address<BroadcastRequest> AUDIENCE_BROADCASTS_RESUME =
    new Address<>("audience.broadcasts.resume", BroadcastRequest.class, BroadcastRequest::fromJson);
  /** → Broadcast, cancelled. */
  public static final Address<BroadcastRequest> AUDIENCE_BROADCASTS_CANCEL =
    new Address<>("audience.broadcasts.cancel", BroadcastRequest.class, BroadcastRequest::fromJson);
  /** → {@link Page}: CSV text of the broadcast's recipients (the header row first on the first page). */
  public static final Address<ListRecipientsRequest> AUDIENCE_RECIPIENTS_CSV =
    new Address<>("audience.broadcasts.recipients.csv", ListRecipientsRequest.class, ListRecipientsRequest::fromJson);
  /** → {"status": "UP"} once the audience service has reached its database. For readiness checks. */
  public static final Address<HealthRequest> AUDIENCE_HEALTH =
    new Address<>("audience.health", HealthRequest.class, HealthRequest::fromJson);

  /** → {@link UpdateStored}, once the update is committed; 401 for a bot that does not exist. */
  public static final Address<StoreUpdateRequest> UPDATES_STORE =
    new Address<>("telegram.updates.store", StoreUpdateRequest.class, StoreUpdateRequest::fromJson);
  /** → {"status": "UP"} once the inbox service has reached its database. For readiness checks. */
  public static final Address<HealthRequest> UPDATES_HEALTH =
    new Address<>("telegram.updates.health", HealthRequest.class, HealthRequest::fromJson);

  /** Sent, no reply, to one engine node: a bot has updates and no live node holds it. */
  public static final Address<BotTake> ENGINE_TAKE =
    new Address<>("engine.take", BotTake.class, BotTake::fromJson);
  /** Sent, no reply, to {@code engine.updates.<node>} ({@link Address#at}): an update for a bot that node holds. */
  public static final Address<EngineUpdate> ENGINE_UPDATES =
    new Address<>("engine.updates", EngineUpdate.class, EngineUpdate::fromJson);
  /** → {} to {@code engine.changes.<node>}, once nothing decided under an older version of the bot can be sent. */
  public static final Address<BotChanged> ENGINE_CHANGES =
    new Address<>("engine.changes", BotChanged.class, BotChanged::fromJson);

  /** Sent, no reply, to {@code engine.messages.<node>} ({@link Address#at}): the API queued messages of a bot that node holds. */
  public static final Address<BotTake> ENGINE_MESSAGES =
    new Address<>("engine.messages", BotTake.class, BotTake::fromJson);
  /** Sent, no reply, to one delivery worker: deliveries to owners' endpoints were just written. */
  public static final Address<DeliveriesDue> DELIVERIES_DUE =
    new Address<>("deliveries.due", DeliveriesDue.class, DeliveriesDue::fromJson);

  /** Published {@link BotEvent} after every committed bot change. */
  public static final String BOTS_EVENTS = "bots.events";

  private Addresses() {
  }
}
