package io.botfactory.support;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.ClientRequest;
import io.botfactory.bus.Failure;
import io.botfactory.bus.ServiceEndpoints;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

import java.util.Set;

/**
 * A stand-in for the auth service's {@code clients.get}, as a verticle on the bus: it knows a
 * fixed set of client ids and answers as the real service does (the Client, or 401 when the
 * client does not exist). For tests of the HTTP layer, where the database is not under test.
 */
public final class FakeClientsService extends VerticleBase {

  private final Set<String> known;
  private ServiceEndpoints endpoints;

  public FakeClientsService(Set<String> known) {
    this.known = known;
  }

  @Override
  public Future<?> start() {
    endpoints = new ServiceEndpoints(vertx);
    return endpoints.bind(Addresses.CLIENTS_GET, this::client);
  }

  @Override
  public Future<?> stop() {
    return endpoints.close(100);
  }

  private Future<JsonObject> client(ClientRequest request) {
    if (!known.contains(request.clientId())) {
      return Future.failedFuture(Failure.UNAUTHENTICATED.exception(Failure.CLIENT_GONE));
    }
    return Future.succeededFuture(new JsonObject().put("id", request.clientId()).put("email", "fake@example.com")
      .put("full_name", null).put("created_at", "2026-01-01T00:00:00.000Z"));
  }
}
