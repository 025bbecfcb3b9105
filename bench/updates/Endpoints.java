import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The integration scenarios' endpoints, through the public API as the bots' owner: one per bot of
 * the fleet, subscribed to {@code message.received}, at the receiver ({@code receiver/e/<n>}, so
 * each is an endpoint of its own); and all of them enabled or disabled at once (disabled, no
 * event is recorded for them: the update path as without endpoints).
 */
final class Endpoints {

  private Endpoints() {
  }

  /** Creates them; writes {@code [[bot_id, endpoint_id], ...]} to {@code out}. */
  static void create(Owner owner, Path fleetFile, String receiver, int parallel, Path out) throws Exception {
    JsonArray bots = new JsonObject(Files.readString(fleetFile)).getJsonArray("bots");
    JsonArray created = new JsonArray();
    each(bots.size(), parallel, i -> {
      String bot = bots.getJsonObject(i).getString("id");
      JsonObject e = owner.post("/bots/" + bot + "/endpoints", new JsonObject().put("url", receiver + "/e/" + i)
        .put("events", new JsonArray().add("message.received")).put("description", "bench/run.sh integration"), 201);
      synchronized (created) {
        created.add(new JsonArray().add(bot).add(e.getString("id")));
      }
    });
    Files.writeString(out, created.encode());
  }

  /** Sets every endpoint of {@code file} to {@code status} (enabled, disabled). */
  static void status(Owner owner, Path file, String status, int parallel) throws Exception {
    JsonArray endpoints = new JsonArray(Files.readString(file));
    each(endpoints.size(), parallel, i -> {
      JsonArray e = endpoints.getJsonArray(i);
      owner.patch("/bots/" + e.getString(0) + "/endpoints/" + e.getString(1), new JsonObject().put("status", status));
    });
  }

  /** Runs {@code task} for 0..n-1 on {@code parallel} threads (the calls block); fails with the first failure. */
  private static void each(int n, int parallel, java.util.function.IntConsumer task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        done.add(pool.submit(() -> task.accept(k)));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
