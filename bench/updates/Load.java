import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Delivers updates to the service as Telegram does (POST /telegram/webhook/{bot} with the bot's
 * secret header), on a fixed number of keep-alive connections, in one of two ways:
 *
 * <ul>
 *   <li><b>closed loop</b>: each connection sends its next update when the previous one is
 *       acknowledged (the most the service acknowledges); latency from sending to the answer;</li>
 *   <li><b>open loop</b>: updates are due at a fixed rate whatever the answers, update n at
 *       {@code start + n / rate}; one that finds every connection busy waits for one, and its
 *       latency counts from when it was due, not from when it could be sent. So the time a
 *       slow service makes later updates wait is measured (no coordinated omission).</li>
 * </ul>
 * A fraction of deliveries may be redeliveries of an update already sent: half of them of one
 * still in flight on another connection (concurrent), half of one acknowledged shortly before.
 * With {@code retryFailed}, a delivery that got no 2xx is sent again after 250 ms, as Telegram
 * would, until acknowledged (its latency still counts from its first due time).
 *
 * All sending happens on one event loop ({@code context}); figures are read there too.
 */
final class Load {

  enum Mode { CLOSED, OPEN }

  /** {@code only}: every update of that kind (COMMAND, TEXT); null: the ingress mix. */
  record Plan(Mode mode, int connections, double rate, double duplicates, Corpus.Kind only, int warmupS,
              int durationS, boolean retryFailed) {
  }

  private static final int RECENT = 4096;

  private final Vertx vertx;
  private final Context context;
  private final Plan plan;
  private final Fleet fleet;
  private final Traffic traffic;
  private final Ledger ledger;
  private final HttpClientAgent client;
  private final String host;
  private final int port;
  private final SplittableRandom random = new SplittableRandom(42);

  private long t0Ns;
  private long t0Us;
  private long windowStartNs;
  private long windowEndNs;
  private boolean stopped;
  private long outstanding;
  private long issued;
  private final Traffic.Update[] inFlight;
  private final Traffic.Update[] recent = new Traffic.Update[RECENT];
  private long recentCount;
  private Promise<Void> finished;

  private final Latencies ack = new Latencies();
  private final Histogram sendLagUs = new Histogram(600_000_000L, 2);
  private final TreeMap<String, Long> statuses = new TreeMap<>();
  private final TreeMap<String, Long> errors = new TreeMap<>();
  private final TreeMap<String, Long> warmupStatuses = new TreeMap<>();
  private long sent;
  private long duplicatesSent;
  private long retries;
  private long ackedInWindow;
  /** With {@link #keepAcks}: every update acknowledged (redeliveries left out): bot index, update_id, acked and due (µs). */
  private List<long[]> acks;
  private long warmupFailed;

  Load(Vertx vertx, Context context, Plan plan, Fleet fleet, Traffic traffic, Ledger ledger, String target) {
    this.vertx = vertx;
    this.context = context;
    this.plan = plan;
    this.fleet = fleet;
    this.traffic = traffic;
    this.ledger = ledger;
    URI uri = URI.create(target);
    this.host = uri.getHost();
    this.port = uri.getPort();
    this.inFlight = new Traffic.Update[plan.connections()];
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
      .setConnectTimeout(2000), new PoolOptions().setHttp1MaxSize(plan.connections()).setMaxWaitQueueSize(-1));
  }

  /** Runs the warm-up and the measured window; completes when every delivery has its answer. */
  Future<Void> run(long t0Ns, long t0Us) {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      this.t0Ns = t0Ns;
      this.t0Us = t0Us;
      windowStartNs = t0Ns + plan.warmupS() * 1_000_000_000L;
      windowEndNs = windowStartNs + plan.durationS() * 1_000_000_000L;
      finished = done;
      if (plan.mode() == Mode.CLOSED) {
        for (int c = 0; c < plan.connections(); c++) {
          loop(c);
        }
        vertx.setTimer(Math.max(1, (windowEndNs - System.nanoTime()) / 1_000_000), id -> stopped = true);
      } else {
        long period = vertx.setPeriodic(1, id -> tick());
        vertx.setTimer(Math.max(1, (windowEndNs - System.nanoTime()) / 1_000_000) + 1, id -> {
          tick();
          stopped = true;
          vertx.cancelTimer(period);
          finishIfIdle();
        });
      }
    });
    return done.future();
  }

  long windowStartUs() {
    return t0Us + (windowStartNs - t0Ns) / 1000;
  }

  long windowEndUs() {
    return t0Us + (windowEndNs - t0Ns) / 1000;
  }

  // ---- closed loop --------------------------------------------------------------------------------

  private void loop(int connection) {
    if (stopped) {
      inFlight[connection] = null;
      finishIfIdle();
      return;
    }
    Traffic.Update u = duplicateOrNull(connection);
    boolean duplicate = u != null;
    int entry = Ledger.NONE;
    long now = System.nanoTime();
    if (!duplicate) {
      u = traffic.next();
      entry = u.command() >= 0 ? ledger.add(u.chatKey(), u.command(), u.updateId(), us(now)) : Ledger.NONE;
    }
    inFlight[connection] = u;
    deliver(u, entry, now, duplicate, status -> loop(connection));
  }

  /** With the plan's probability, an update already sent: one in flight elsewhere, or one acknowledged lately. */
  private Traffic.Update duplicateOrNull(int connection) {
    if (plan.duplicates() <= 0 || random.nextDouble() >= plan.duplicates()) {
      return null;
    }
    if (random.nextBoolean()) {
      for (int tries = 0; tries < 4; tries++) {
        Traffic.Update u = inFlight[random.nextInt(inFlight.length)];
        if (u != null && inFlight[connection] != u) {
          return u;
        }
      }
    }
    return recentCount == 0 ? null : recent[(int) (random.nextLong(Math.min(recentCount, RECENT)))];
  }

  // ---- open loop ----------------------------------------------------------------------------------

  /** Sends every update due by now, each stamped with the time it was due. */
  private void tick() {
    if (stopped) {
      return;
    }
    long now = System.nanoTime();
    if (now < t0Ns) {
      return;
    }
    // Update n is due at t0 + n / rate, and sent once that moment has come (not one period after
    // it: at 2 a second that added 500 ms to every latency); the last one due before the window ends.
    long due = (long) ((Math.min(now, windowEndNs - 1) - t0Ns) / 1e9 * plan.rate()) + 1;
    while (issued < due) {
      long intended = t0Ns + (long) (issued * 1e9 / plan.rate());
      issued++;
      if (intended >= windowStartNs) {
        sendLagUs.recordValue(Math.max(0, (now - intended) / 1000)); // over the window, as the latencies
      }
      Traffic.Update u = traffic.next();
      int entry = u.command() >= 0 ? ledger.add(u.chatKey(), u.command(), u.updateId(), us(intended)) : Ledger.NONE;
      deliver(u, entry, intended, false, status -> finishIfIdle());
    }
  }

  // ---- delivering ---------------------------------------------------------------------------------

  /** POSTs the update; records its answer against {@code intendedNs}; retries when the plan says so. */
  private void deliver(Traffic.Update u, int entry, long intendedNs, boolean duplicate, Consumer<Integer> then) {
    Fleet.Bot bot = fleet.bots.get(u.bot());
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port)
      .setURI("/telegram/webhook/" + bot.id()).setTimeout(30_000)
      .putHeader("Content-Type", "application/json").putHeader("X-Telegram-Bot-Api-Secret-Token", bot.secret());
    outstanding++;
    sent++;
    if (duplicate) {
      duplicatesSent++;
    }
    client.request(options).compose(req -> req.send(u.body())).compose(resp -> resp.body().map(b -> resp.statusCode()))
      .onComplete(ar -> {
        outstanding--;
        long now = System.nanoTime();
        boolean inWindow = intendedNs >= windowStartNs && intendedNs < windowEndNs;
        String key = ar.succeeded() ? String.valueOf(ar.result()) : errorKind(ar.cause());
        boolean ok = ar.succeeded() && ar.result() / 100 == 2;
        count(inWindow ? (ar.succeeded() ? statuses : errors) : warmupStatuses, key);
        if (ok) {
          if (entry != Ledger.NONE) {
            ledger.acked(entry, us(now));
          }
          if (inWindow) {
            ack.record(us(intendedNs), (now - intendedNs) / 1000);
          }
          if (now >= windowStartNs && now < windowEndNs) {
            ackedInWindow++;
          }
          if (!duplicate) {
            recent[(int) (recentCount++ % RECENT)] = u;
            if (acks != null) {
              acks.add(new long[]{u.bot(), u.updateId(), us(now), us(intendedNs)});
            }
          }
        } else if (!inWindow) {
          warmupFailed++;
        }
        if (!ok && plan.retryFailed()) {
          retries++;
          outstanding++;
          vertx.setTimer(250, id -> {
            outstanding--;
            deliver(u, entry, intendedNs, duplicate, then);
          });
          return;
        }
        if (!ok && entry != Ledger.NONE) {
          ledger.failed(entry);
        }
        then.accept(ar.succeeded() ? ar.result() : 0);
      });
  }

  /** Keeps every acknowledgement, for {@link #acks} (the integration scenarios time each update's events from it). */
  void keepAcks() {
    acks = new ArrayList<>();
  }

  /** The acknowledgements kept; read once the load is closed. */
  List<long[]> acks() {
    return acks == null ? List.of() : acks;
  }

  private void finishIfIdle() {
    if (stopped && outstanding == 0 && finished != null) {
      Promise<Void> p = finished;
      finished = null;
      p.complete();
    }
  }

  private static void count(TreeMap<String, Long> map, String key) {
    map.merge(key, 1L, Long::sum);
  }

  private static String errorKind(Throwable e) {
    String name = e.getClass().getSimpleName();
    String message = String.valueOf(e.getMessage()).toLowerCase();
    if (message.contains("refused")) {
      return "connect";
    }
    if (message.contains("timeout") || name.contains("Timeout")) {
      return "timeout";
    }
    if (message.contains("closed") || message.contains("reset")) {
      return "closed";
    }
    return name;
  }

  private long us(long ns) {
    return t0Us + (ns - t0Ns) / 1000;
  }

  /** The sending side's figures, read on the sending context (after {@link #run} completed). */
  Future<JsonObject> summary() {
    Promise<JsonObject> p = Promise.promise();
    context.runOnContext(v -> p.complete(figures()));
    return p.future();
  }

  private JsonObject figures() {
    double windowS = (windowEndNs - windowStartNs) / 1e9;
    long ok = statuses.entrySet().stream().filter(e -> e.getKey().startsWith("2")).mapToLong(e -> e.getValue()).sum();
    long all = statuses.values().stream().mapToLong(Long::longValue).sum();
    return new JsonObject()
      .put("mode", plan.mode().name().toLowerCase()).put("connections", plan.connections())
      .put("rate", plan.mode() == Mode.OPEN ? plan.rate() : null).put("duplicates_fraction", plan.duplicates())
      .put("commands_only", plan.only() == Corpus.Kind.COMMAND).put("texts_only", plan.only() == Corpus.Kind.TEXT).put("warmup_s", plan.warmupS()).put("duration_s", plan.durationS())
      .put("window_start_ms", windowStartUs() / 1000).put("window_end_ms", windowEndUs() / 1000)
      .put("sent", sent).put("duplicates_sent", duplicatesSent).put("retries", retries)
      .put("acked_in_window", ackedInWindow).put("acked_per_s", Math.round(ackedInWindow / windowS * 100) / 100.0)
      .put("ok", ok).put("non2xx", all - ok).put("statuses", new JsonObject(new java.util.LinkedHashMap<>(statuses)))
      .put("errors", new JsonObject(new java.util.LinkedHashMap<>(errors)))
      .put("errors_total", errors.values().stream().mapToLong(Long::longValue).sum())
      .put("warmup_failed", warmupFailed).put("warmup_statuses", new JsonObject(new java.util.LinkedHashMap<>(warmupStatuses)))
      .put("ack_ms", ack.summaryMs())
      .put("send_lag_ms", sendLagUs.getTotalCount() == 0 ? null : new JsonObject()
        .put("p50", Latencies.ms(sendLagUs.getValueAtPercentile(50))).put("p99", Latencies.ms(sendLagUs.getValueAtPercentile(99)))
        .put("max", Latencies.ms(sendLagUs.getMaxValue())))
      .put("traffic", traffic.summary());
  }

  Future<Void> close() {
    return client.close();
  }

  static List<Double> rates(String csv) {
    List<Double> out = new ArrayList<>();
    for (String s : csv.split(",")) {
      out.add(Double.parseDouble(s.trim()));
    }
    return out;
  }
}
