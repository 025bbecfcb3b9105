package io.botfactory.cluster;

import io.botfactory.app.NodeVertx;
import io.botfactory.bus.Addresses;
import io.botfactory.config.AppConfig;
import io.botfactory.config.ConfigLoader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A stranger's process, run by {@link RogueNodeTest} on its own: a BotFactory node in every way
 * (the same Hazelcast settings, so it joins the cluster) but with the wrong event-bus security,
 * as its environment says (no TLS at all, or a certificate of a CA of its own). It listens on
 * the addresses that carry passwords and tokens, and asks them itself, until the file
 * {@code ROGUE_STOP_FILE} exists; it prints one line per thing that happens, for the test to read:
 * {@code ROGUE JOINED members=N}, {@code ROGUE REGISTERED}, {@code ROGUE RECEIVED <address>
 * <body>}, {@code ROGUE ANSWERED <address> <reply>}, {@code ROGUE UNANSWERED <address> <why>},
 * {@code ROGUE DONE}.
 */
public final class RogueNode {

  /**
   * Handlers per address. Vert.x weighs nodes by their number of handlers for an address (and a
   * node with one handler gets nothing beside one with two): a stranger registers as many as the
   * nodes it wants to take requests from (two: the test nodes run two event loops).
   */
  private static final int HANDLERS = 2;
  /** Marks the rogue's own requests, which its own handlers may be picked for: those are not "received". */
  private static final String OWN = "x-rogue";
  private static final List<String> LISTENED = List.of(Addresses.AUTH_LOGIN.name(), Addresses.AUTH_REGISTER.name(),
    Addresses.BOTS_TOKEN.name(), Addresses.CLIENTS_GET.name(), Addresses.BOTS_EVENTS);

  private RogueNode() {
  }

  public static void main(String[] args) throws InterruptedException {
    Path stop = Path.of(System.getenv("ROGUE_STOP_FILE"));
    Vertx bootstrap = Vertx.vertx();
    AppConfig config = AppConfig.from(ConfigLoader.load(bootstrap).await());
    bootstrap.close().await();
    Vertx vertx = NodeVertx.create(config, "rogue").await();
    say("ROGUE JOINED members=" + ((VertxInternal) vertx).clusterManager().getNodes().size());

    List<Future<Void>> registered = new ArrayList<>();
    for (String address : LISTENED) {
      for (int i = 0; i < HANDLERS; i++) {
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(address, RogueNode::received);
        registered.add(consumer.completion());
      }
    }
    Future.all(registered).await();
    say("ROGUE REGISTERED");

    while (!Files.exists(stop)) {
      List<Future<?>> asked = new ArrayList<>();
      asked.add(ask(vertx, Addresses.AUTH_LOGIN.name(), new JsonObject().put("email", "victim@example.com")
        .put("password", "guess").put("source", "rogue")));
      asked.add(ask(vertx, Addresses.BOTS_TOKEN.name(), new JsonObject().put("bot_id", UUID.randomUUID().toString())));
      asked.add(ask(vertx, Addresses.CLIENTS_GET.name(), new JsonObject().put("client_id", UUID.randomUUID().toString())));
      asked.add(ask(vertx, Addresses.AUTH_REGISTER.name(), new JsonObject().put("email", "rogue-" + UUID.randomUUID()
        + "@example.com").put("password", "rogue password").put("full_name", "Rogue")));
      Future.join(asked).otherwiseEmpty().await();
      Thread.sleep(200);
    }
    say("ROGUE DONE");
    vertx.close().await();
    System.exit(0);
  }

  private static void received(Message<JsonObject> message) {
    if (message.headers().get(OWN) == null) {
      say("ROGUE RECEIVED " + message.address() + " " + message.body().encode());
    }
  }

  private static Future<Void> ask(Vertx vertx, String address, JsonObject body) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(1000).addHeader(OWN, "1");
    return vertx.eventBus().<Object>request(address, body, options).transform(ar -> {
      if (ar.succeeded()) {
        say("ROGUE ANSWERED " + address + " " + ar.result().body());
      } else if (ar.cause() instanceof ReplyException e && e.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
        say("ROGUE ANSWERED " + address + " failure " + e.failureCode() + " " + e.getMessage());
      } else {
        say("ROGUE UNANSWERED " + address + " " + ar.cause());
      }
      return Future.succeededFuture();
    });
  }

  private static synchronized void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
