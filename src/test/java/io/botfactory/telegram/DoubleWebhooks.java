package io.botfactory.telegram;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.ConnectException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Delivers updates to a bot's webhook the way Telegram does: {@code POST} of the update as JSON to
 * the URL set with setWebhook, header {@code X-Telegram-Bot-Api-Secret-Token} when a secret was
 * set; a non-2xx answer or a failure becomes getWebhookInfo's {@code last_error_*} with Telegram's texts.
 */
final class DoubleWebhooks {

  private final DoubleState state;
  private final WebClient client;

  DoubleWebhooks(Vertx vertx, DoubleState state) {
    this.state = state;
    this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setTrustAll(true));
  }

  Future<TelegramDouble.Delivery> deliver(long botId, JsonObject update) {
    String url;
    String secret;
    long updateId;
    synchronized (state) {
      DoubleBot bot = state.bot(botId);
      if (bot.webhookUrl.isEmpty()) {
        return Future.failedFuture(new IllegalStateException("bot " + botId + " has no webhook"));
      }
      url = bot.webhookUrl;
      secret = bot.webhookSecret;
      updateId = bot.number(update);
      bot.learnChats(update);
    }
    HttpRequest<Buffer> request = client.postAbs(url).timeout(30_000).putHeader("Content-Type", "application/json");
    if (!secret.isEmpty()) {
      request.putHeader("X-Telegram-Bot-Api-Secret-Token", secret);
    }
    return request.sendBuffer(update.toBuffer()).transform(ar -> {
      TelegramDouble.Delivery delivery = ar.succeeded()
        ? new TelegramDouble.Delivery(updateId, ar.result().statusCode(), ar.result().bodyAsString())
        : new TelegramDouble.Delivery(updateId, 0, null);
      String error = ar.succeeded() ? wrongResponse(ar.result()) : failure(ar.cause());
      if (error != null) {
        synchronized (state) {
          DoubleBot bot = state.bot(botId);
          bot.lastErrorDate = Instant.now().getEpochSecond();
          bot.lastErrorMessage = error;
        }
      }
      return Future.succeededFuture(delivery);
    });
  }

  /** Delivers the queued updates in order, each removed once answered 2xx; stops at the first that is not. */
  Future<List<TelegramDouble.Delivery>> flush(long botId) {
    List<TelegramDouble.Delivery> done = new ArrayList<>();
    return next(botId, done).map(v -> done);
  }

  private Future<Void> next(long botId, List<TelegramDouble.Delivery> done) {
    JsonObject head;
    synchronized (state) {
      head = state.bot(botId).pending.peekFirst();
    }
    if (head == null) {
      return Future.succeededFuture();
    }
    return deliver(botId, head.copy()).compose(delivery -> {
      done.add(delivery);
      if (delivery.status() / 100 != 2) {
        return Future.succeededFuture();
      }
      synchronized (state) {
        state.bot(botId).pending.removeIf(u -> u.getLong("update_id") == delivery.updateId());
      }
      return next(botId, done);
    });
  }

  void close() {
    client.close();
  }

  private static String wrongResponse(HttpResponse<Buffer> response) {
    return response.statusCode() / 100 == 2 ? null
      : "Wrong response from the webhook: " + response.statusCode() + " " + response.statusMessage();
  }

  private static String failure(Throwable cause) {
    if (cause instanceof ConnectException) {
      return "Connection refused";
    }
    if (cause instanceof TimeoutException) {
      return "Read timeout expired";
    }
    return "Webhook connection closed";
  }
}
