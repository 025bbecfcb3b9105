package io.botfactory.http;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.BusClient;
import io.botfactory.bus.Failure;
import io.botfactory.bus.IncomingUpdate;
import io.botfactory.bus.StoreUpdateRequest;
import io.botfactory.bus.UpdateStored;
import io.botfactory.http.openapi.OpenApiRouter;
import io.botfactory.telegram.UpdateEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;

/**
 * {@code POST /telegram/webhook/{bot_id}}: Telegram delivering an update (its secret already
 * checked by {@link TelegramWebhookGate}). The update crosses the bus to the inbox, and the
 * answer is 200 only once it is committed there; storage unavailable is 503 with Retry-After,
 * so that Telegram delivers it again. Once the secret is proven the body is Telegram's: one the
 * service cannot use ({@link UpdateEnvelope} says which) is answered 200, stored nowhere and
 * counted as {@code ignored}, because any 4xx would make Telegram deliver it again and hold back
 * the bot's later updates. The 200 never carries a method in its body.
 */
final class TelegramWebhookRoute {

  private static final Buffer EMPTY_OBJECT = Buffer.buffer("{}");

  private final BusClient bus;
  private final UpdateCounters counters;

  TelegramWebhookRoute(BusClient bus, MeterRegistry registry) {
    this.bus = bus;
    this.counters = new UpdateCounters(registry);
  }

  void receive(RoutingContext ctx) {
    if (!"application/json".equals(OpenApiRouter.mediaType(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)))) {
      Responses.problem(ctx, 415, ErrorDetails.UNSUPPORTED_MEDIA_TYPE);
      return;
    }
    Buffer body = ctx.body().buffer();
    IncomingUpdate update = body == null ? null : UpdateEnvelope.read(body);
    if (update == null) {
      counters.received("ignored");
      Responses.jsonText(ctx, 200, EMPTY_OBJECT);
      return;
    }
    StoreUpdateRequest request = new StoreUpdateRequest(ctx.pathParam("bot_id"), body.toString(StandardCharsets.UTF_8),
      update);
    bus.request(Addresses.UPDATES_STORE, request, RequestIds.get(ctx), UpdateStored.class)
      .onSuccess(stored -> {
        counters.received(stored.outcome());
        Responses.jsonText(ctx, 200, EMPTY_OBJECT);
      })
      .onFailure(e -> {
        if (Failure.of(e) == Failure.UNAUTHENTICATED) {
          counters.received("unknown_bot");
          TelegramWebhookGate.refuse(ctx);
        } else {
          counters.received("unavailable");
          ctx.fail(e);
        }
      });
  }
}
