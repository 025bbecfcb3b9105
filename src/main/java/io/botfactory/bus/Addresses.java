package io.botfactory.bus;

/**
 * Every event-bus address BotFactory uses. docs/event-bus.md describes the body, reply and
 * failure codes of each one; keep the two in step.
 */
public final class Addresses {

  /** Request {email, password, full_name} → Client. */
  public static final String AUTH_REGISTER = "auth.register";
  /** Request {email, password, source} → {access_token, token_type, expires_in}. */
  public static final String AUTH_LOGIN = "auth.login";
  /** Request {client_id} → Client. */
  public static final String CLIENTS_GET = "clients.get";

  /** Request {client_id, name, description, token} → Bot. */
  public static final String BOTS_CREATE = "bots.create";
  /** Request {client_id, limit, after} → the JSON text of [Bot], header next-after when more remain (see BotPage). */
  public static final String BOTS_LIST = "bots.list";
  /** Request {client_id, bot_id} → Bot. */
  public static final String BOTS_GET = "bots.get";
  /** Request {client_id, bot_id, changes: {...}} → Bot. */
  public static final String BOTS_UPDATE = "bots.update";
  /** Request {client_id, bot_id} → {}. */
  public static final String BOTS_DELETE = "bots.delete";
  /** Request {bot_id} → {bot_id, telegram_bot_id, token}. For webhook workers only; never routed to HTTP. */
  public static final String BOTS_TOKEN = "bots.token";
  /** Request {} → {status: "UP"} once the auth service has reached its database. For readiness checks. */
  public static final String AUTH_HEALTH = "auth.health";
  /** Request {} → {status: "UP"} once the bot-storage service has reached its database. For readiness checks. */
  public static final String BOTS_HEALTH = "bots.health";

  /** Published {type, bot, occurred_at} after every committed bot change. */
  public static final String BOTS_EVENTS = "bots.events";

  private Addresses() {
  }
}
