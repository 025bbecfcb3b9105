package io.botfactory.cluster;

import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Bot creations sent one after another by {@code parallel} client threads through one HTTP
 * node until {@link #stop()}, each outcome recorded with its timing: what a client of a node
 * that is being stopped or losing its storage sees.
 */
final class CreateStream {

  private static final long TIMEOUT_MS = 10_000;

  private final Api api;
  private final Api.Account owner;
  private final long origin = System.nanoTime();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  CreateStream(Api api, Api.Account owner, int parallel) {
    this.api = api;
    this.owner = owner;
    for (int i = 0; i < parallel; i++) {
      Thread thread = new Thread(this::run, "create-stream-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
  }

  /** Milliseconds since the stream started, on the clock of {@link Outcome}. */
  long now() {
    return (System.nanoTime() - origin) / 1_000_000;
  }

  List<Outcome> outcomes() {
    return List.copyOf(outcomes);
  }

  /** Waits until {@code done} holds for the outcomes so far (each is recorded once its request has ended). */
  void await(Predicate<List<Outcome>> done, String what) {
    Eventually.await(this::outcomes, done, Duration.ofSeconds(30), what);
  }

  /** Waits until {@code count} bots were created: the stream is under way. */
  void awaitCreated(int count) {
    await(all -> all.stream().filter(o -> o.status() == 201).count() >= count, count + " bots created");
  }

  /** Stops sending and waits for the requests under way; returns every outcome. */
  List<Outcome> stop() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join(TIMEOUT_MS + 5000);
    }
    return outcomes();
  }

  private void run() {
    while (running.get()) {
      JsonObject body = new JsonObject().put("name", "streamed").put("token", Api.telegramToken(Api.telegramId()));
      long started = now();
      try {
        HttpResponse<Buffer> response = api.request(HttpMethod.POST, "/bots", owner.token())
          .timeout(TIMEOUT_MS).sendJsonObject(body).await();
        String id = response.statusCode() == 201 ? response.bodyAsJsonObject().getString("id") : null;
        outcomes.add(new Outcome(started, now(), response.statusCode(), id, null));
        if (id == null) {
          sleep(20); // a node answering 503 at once must not turn the stream into a busy loop
        }
      } catch (Exception e) { // await() rethrows the connect failure itself, checked or not
        outcomes.add(new Outcome(started, now(), 0, null, e.toString()));
        sleep(20);
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
