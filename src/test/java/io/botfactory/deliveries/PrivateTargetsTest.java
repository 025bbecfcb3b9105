package io.botfactory.deliveries;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.botfactory.support.Updates;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With private targets not allowed (the default), a delivery to an endpoint whose host is or
 * resolves to the loopback is refused before any connection: the receiver listening there sees
 * none, and the owner's log says why. A node of its own on a database of its own, allowed plain
 * http (the receiver's) but not the loopback.
 */
@ExtendWith(VertxExtension.class)
class PrivateTargetsTest {

  @Test
  void aLoopbackTargetIsRefusedBeforeConnecting(Vertx vertx) {
    TestStack stack = TestStack.start(TestStack.config(TestDatabase.fresh("private_targets"))
      .put(ConfigKey.ENDPOINTS_ALLOW_HTTP.key(), true)
      .put(ConfigKey.DELIVERY_RETRY_MS.key(), "100"));
    try (Receiver receiver = new Receiver(vertx)) {
      Api api = new Api(vertx, stack.port);
      Api.Account owner = api.newAccount();
      String bot = Updates.answeringBot(api, owner, "inward", "ok").getString("id");
      List<String> urls = List.of(receiver.url("/by-address"), "http://localhost:" + receiver.port() + "/by-name",
        "http://[::ffff:127.0.0.1]:" + receiver.port() + "/mapped");
      List<String> paths = urls.stream().map(url -> {
        HttpResponse<Buffer> created = api.post("/bots/" + bot + "/endpoints", new JsonObject().put("url", url)
          .put("events", new JsonArray().add("message.received")), owner.token());
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        return "/bots/" + bot + "/endpoints/" + created.bodyAsJsonObject().getString("id") + "/deliveries";
      }).toList();
      Updates.deliver(api, bot, Updates.text(Updates.nextId(), "let me in"));
      for (String path : paths) {
        JsonObject delivery = Eventually.await(() -> api.get(path, owner.token()).bodyAsJsonArray(),
          l -> l.size() == 1 && l.getJsonObject(0).getString("status").equals("failed"), Duration.ofSeconds(20),
          "refused twice, then failed").getJsonObject(0);
        assertThat(delivery.getString("last_error")).isEqualTo("refused: the host resolves to a loopback address, "
          + "where deliveries never connect");
        assertThat(delivery.getInteger("attempts")).isEqualTo(2);
      }
      assertThat(receiver.connections.get()).isZero();
      assertThat(receiver.requests).isEmpty();
    } finally {
      stack.stop();
    }
  }
}
