package io.botfactory.http;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.BusClient;
import io.botfactory.bus.ClientRequest;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /clients/me}. */
final class ClientRoutes {

  private final BusClient bus;

  ClientRoutes(BusClient bus) {
    this.bus = bus;
  }

  void me(RoutingContext ctx) {
    Responses.reply(ctx, 200,
      bus.request(Addresses.CLIENTS_GET, new ClientRequest(BearerTokenGate.clientId(ctx)), RequestIds.get(ctx)));
  }
}
