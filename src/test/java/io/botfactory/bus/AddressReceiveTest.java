package io.botfactory.bus;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A consumer bound without ServiceEndpoints (the engine's) decodes with {@link Address#receive}:
 * a body that is not the address's message is answered INVALID when the sender waits for a reply,
 * instead of leaving it to time out, and is dropped when not, instead of failing the handler.
 */
@ExtendWith(VertxExtension.class)
class AddressReceiveTest {

  private static final Address<BotChanged> CHANGES = Addresses.ENGINE_CHANGES.at("receive-test");

  @Test
  void aRequestOfTheWrongShapeIsAnsweredInvalid(Vertx vertx) throws InterruptedException {
    BlockingQueue<Optional<BotChanged>> received = new ArrayBlockingQueue<>(4);
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(CHANGES.name(), message -> {
      BotChanged change = CHANGES.receive(message);
      received.add(Optional.ofNullable(change));
      if (change != null) {
        message.reply(new JsonObject());
      }
    });
    consumer.completion().await();

    assertThatThrownBy(() -> vertx.eventBus().request(CHANGES.name(), new JsonObject().put("bot_id", "b").putNull("version"))
      .await())
      .isInstanceOfSatisfying(ReplyException.class, e -> {
        assertThat(Failure.of(e)).isEqualTo(Failure.INVALID);
        assertThat(new JsonArray(e.getMessage()).getJsonObject(0).getJsonArray("loc"))
          .isEqualTo(new JsonArray().add("body").add("version"));
      });
    assertThat(received.poll(5, TimeUnit.SECONDS)).isEmpty();

    vertx.eventBus().send(CHANGES.name(), new JsonObject().put("bot_id", 7));
    assertThat(received.poll(5, TimeUnit.SECONDS)).as("dropped, the handler carrying on").isEmpty();

    BotChanged change = new BotChanged("b", 3);
    assertThat(vertx.eventBus().request(CHANGES.name(), change.toJson()).await().body()).isEqualTo(new JsonObject());
    assertThat(received.poll(5, TimeUnit.SECONDS)).contains(change);
    consumer.unregister().await();
  }
}
