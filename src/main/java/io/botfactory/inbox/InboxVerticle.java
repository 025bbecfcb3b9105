package io.botfactory.inbox;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.ServiceEndpoints;
import io.botfactory.config.DbSettings;
import io.botfactory.service.DatabaseService;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * The inbox service (role {@code storage}): stores each update Telegram delivers, once, before
 * the webhook route acknowledges it ({@link InboxWriter}), and hands it on to the engine node
 * holding its bot. A bot that does not exist is refused as the webhook route refuses a wrong
 * secret; an inactive bot's updates are stored nowhere.
 */
public class InboxVerticle extends DatabaseService {

  /**
   * Statements one instance runs at once: two, so that one is always being prepared while the
   * other waits for its commit; the updates that arrive meanwhile go in the next one.
   */
  private static final int STATEMENTS = 2;

  private InboxWriter writer;

  /** {@code drainMs}: how long a stop waits for the stores in flight (each an acknowledgement Telegram waits for). */
  public InboxVerticle(DbSettings db, long drainMs) {
    super(db, "inbox", Addresses.UPDATES_HEALTH, drainMs);
  }

  @Override
  protected Future<Void> prepare(Pool pool) {
    writer = new InboxWriter(vertx, pool, STATEMENTS);
    return Future.succeededFuture();
  }

  @Override
  protected Future<?> bind(ServiceEndpoints endpoints) {
    return endpoints.bind(Addresses.UPDATES_STORE, writer::store);
  }
}
