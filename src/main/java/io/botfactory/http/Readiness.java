package io.botfactory.http;

import io.botfactory.bus.Address;
import io.botfactory.bus.HealthRequest;
import io.botfactory.config.Role;
import io.botfactory.bus.Addresses;
import io.botfactory.bus.BusClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

import java.util.Set;

/**
 * {@code /health/ready} (vertx-health-check): one check per event-bus service this node needs,
 * each a bus request that the service answers only after a query on its own database. So the
 * check fails, and is named, whether the service is gone, slow, or cut off from PostgreSQL.
 */
final class Readiness {

  private static final long TIMEOUT_MS = 1000;
  /**
   * The bus request gives up before the health check does: a check that vertx-health-check
   * times out itself counts as failed with an error, which it answers 500, where a check that
   * says KO is the contract's 503.
   */
  private static final long REQUEST_TIMEOUT_MS = 800;

  private Readiness() {
  }

  static HealthCheckHandler handler(Vertx vertx, Set<Role> roles) {
    BusClient bus = new BusClient(vertx, REQUEST_TIMEOUT_MS);
    HealthCheckHandler handler = HealthCheckHandler.create(vertx);
    boolean http = roles.contains(Role.HTTP);
    if (http || roles.contains(Role.AUTH)) {
      register(handler, bus, "auth-service", Addresses.AUTH_HEALTH);
    }
    if (http || roles.contains(Role.STORAGE) || roles.contains(Role.WEBHOOK)) {
      register(handler, bus, "storage-service", Addresses.BOTS_HEALTH);
      register(handler, bus, "inbox-service", Addresses.UPDATES_HEALTH);
    }
    if (http || roles.contains(Role.STORAGE)) {
      register(handler, bus, "audience-service", Addresses.AUDIENCE_HEALTH);
      register(handler, bus, "integration-service", Addresses.INTEGRATION_HEALTH);
    }
    return handler;
  }

  private static void register(HealthCheckHandler handler, BusClient bus, String name, Address<HealthRequest> address) {
    handler.register(name, TIMEOUT_MS, promise -> bus.request(address, new HealthRequest(), null)
      .onSuccess(reply -> promise.complete(Status.OK(reply)))
      .onFailure(err -> promise.complete(Status.KO(new JsonObject().put("reason", reason(err))))));
  }

  /** What went wrong, in words safe to show: never a message from a driver. */
  private static String reason(Throwable err) {
    if (err instanceof io.vertx.core.eventbus.ReplyException) {
      switch (((io.vertx.core.eventbus.ReplyException) err).failureType()) {
        case NO_HANDLERS:
          return "no node runs this service";
        case TIMEOUT:
          return "the service did not answer in time";
        default:
          return "the service cannot reach its database";
      }
    }
    return "unavailable";
  }
}
