package io.botfactory.bus;

import io.botfactory.config.BusSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A request waits as long as its address declares ({@link Timeout}), with the time the settings
 * give that class, and its reply comes in the shape asked for: the JSON object, a record of the
 * contract, or a page.
 */
@ExtendWith(VertxExtension.class)
class BusClientTest {

  private static final long BUS_MS = 300;
  private static final long SERVICE_MS = 800;
  private static final BusSettings SETTINGS = new BusSettings(BUS_MS, 2000, 2000);

  @Test
  void aRequestWaitsAsLongAsItsAddressDeclares(Vertx vertx) {
    Address<HealthRequest> quick = new Address<>("bus-client-test.slow", HealthRequest.class);
    Address<HealthRequest> bulk = new Address<>(quick.name(), HealthRequest.class, Timeout.BULK);
    ServiceEndpoints service = new ServiceEndpoints(vertx);
    service.bind(quick, request -> answerAfter(vertx, SERVICE_MS, new JsonObject().put("status", "UP"))).await();
    BusClient bus = new BusClient(vertx, SETTINGS);

    assertThatThrownBy(() -> bus.request(quick, new HealthRequest(), null).await())
      .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.TIMEOUT));
    assertThat(bus.request(bulk, new HealthRequest(), null).await()).isEqualTo(new JsonObject().put("status", "UP"));
    assertThat(bulk.at("node-1").timeout()).as("one node's instance of the address").isEqualTo(Timeout.BULK);

    BusClient fixed = new BusClient(vertx, BUS_MS);
    assertThatThrownBy(() -> fixed.request(bulk, new HealthRequest(), null).await())
      .as("a fixed timeout holds for every address")
      .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.TIMEOUT));
    service.close(SERVICE_MS * 2).await();
  }

  @Test
  void theReplyComesInTheShapeAskedFor(Vertx vertx) {
    Address<HealthRequest> record = new Address<>("bus-client-test.record", HealthRequest.class);
    Address<HealthRequest> wrong = new Address<>("bus-client-test.wrong", HealthRequest.class);
    Address<HealthRequest> page = new Address<>("bus-client-test.page", HealthRequest.class);
    ServiceEndpoints service = new ServiceEndpoints(vertx);
    service.bind(record, request -> Future.succeededFuture(new UpdateStored(UpdateStored.DUPLICATE))).await();
    service.bind(wrong, request -> Future.succeededFuture(new JsonObject().put("outcome", 7))).await();
    service.bind(page, request -> Future.succeededFuture(new Page(Buffer.buffer("[1,2]"), "2").reply())).await();
    BusClient bus = new BusClient(vertx, SETTINGS);

    assertThat(bus.request(record, new HealthRequest(), "r-1", UpdateStored.class).await())
      .isEqualTo(new UpdateStored(UpdateStored.DUPLICATE));
    assertThatThrownBy(() -> bus.request(wrong, new HealthRequest(), "r-2", UpdateStored.class).await())
      .satisfies(e -> assertThat(Failure.of(e)).isEqualTo(Failure.INVALID));
    Page answered = bus.page(page, new HealthRequest(), "r-3").await();
    assertThat(answered.json().toString()).isEqualTo("[1,2]");
    assertThat(answered.nextAfter()).isEqualTo("2");
    service.close(1000).await();
  }

  private static Future<JsonObject> answerAfter(Vertx vertx, long delayMs, JsonObject answer) {
    return vertx.timer(delayMs).map(answer);
  }
}
