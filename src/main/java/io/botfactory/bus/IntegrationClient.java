package io.botfactory.bus;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/** The Java face of the integration service's addresses, for the HTTP layer. */
public class IntegrationClient {

  private final BusClient bus;

  public IntegrationClient(BusClient bus) {
    this.bus = bus;
  }

  /** → Endpoint with its secret. */
  public Future<JsonObject> createEndpoint(CreateEndpointRequest request, String requestId) {
    return bus.request(Addresses.INTEGRATION_ENDPOINTS_CREATE, request, requestId);
  }

  /** Every endpoint of a bot, as JSON text. */
  public Future<Page> endpoints(BotRequest request, String requestId) {
    return bus.<BotRequest, Buffer>message(Addresses.INTEGRATION_ENDPOINTS_LIST, request, requestId).map(Page::of);
  }

  /** → Endpoint (or {} for a delete), from {@code integration.endpoints.get}, {@code .delete} or {@code .rotate}. */
  public Future<JsonObject> endpoint(Address<EndpointRequest> address, EndpointRequest request, String requestId) {
    return bus.request(address, request, requestId);
  }

  /** → Endpoint, changed. */
  public Future<JsonObject> updateEndpoint(UpdateEndpointRequest request, String requestId) {
    return bus.request(Addresses.INTEGRATION_ENDPOINTS_UPDATE, request, requestId);
  }

  /** → {"replayed"}. */
  public Future<JsonObject> replay(ReplayRequest request, String requestId) {
    return bus.request(Addresses.INTEGRATION_ENDPOINTS_REPLAY, request, requestId);
  }

  /** A page of an endpoint's deliveries, newest first, as JSON text. */
  public Future<Page> deliveries(ListDeliveriesRequest request, String requestId) {
    return bus.<ListDeliveriesRequest, Buffer>message(Addresses.INTEGRATION_DELIVERIES_LIST, request, requestId)
      .map(Page::of);
  }

  /** → Delivery, due now. */
  public Future<JsonObject> retry(DeliveryRequest request, String requestId) {
    return bus.request(Addresses.INTEGRATION_DELIVERIES_RETRY, request, requestId);
  }

  /** → Message, queued. */
  public Future<JsonObject> send(SendMessageRequest request, String requestId) {
    return bus.request(Addresses.INTEGRATION_MESSAGES_SEND, request, requestId);
  }

  /** → Message. */
  public Future<JsonObject> message(MessageRequest request, String requestId) {
    return bus.request(Addresses.INTEGRATION_MESSAGES_GET, request, requestId);
  }
}
