import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The update path's load generator (bench/run.sh compiles and runs it; see docs/performance.md).
 *
 * <pre>
 *   UpdateBench setup --api URL --out FILE [--bots 1000] [--chats 100] [--parallel 16] [--wait-ms 180000]
 *   UpdateBench load  --target URL --double URL --db-url URL --fleet FILE --webhook-key BASE64
 *                     --mode closed|open [--rate R] [--connections 32] [--warmup 5] [--duration 15]
 *                     [--duplicates 0.1] [--commands-only] [--retry-failed] [--drain-timeout 30]
 *                     [--bucket-ms 500] [--inbox-query SQL] [--pids service=N,db=N,double=N] [--clk-tck 100]
 *                     [--chats N] [--secrets botfactory|grammy] [--reply-log FILE]
 *   UpdateBench peer-bots --fleet FILE --out FILE
 *   BENCH_WEBHOOK_KEY=... UpdateBench secret --secrets botfactory|grammy --id BOT_ID
 *   UpdateBench sample
 *   BENCH_DB_PASSWORD=... UpdateBench database --dir DIR
 *   UpdateBench selftest
 *   UpdateBench ceiling [--connections 32] [--duration 5]
 *   UpdateBench broadcast --api URL --fleet FILE --bots FROM-TO --double URL --db-url URL [--timeout-s 900]
 *                         [--nodes NAME@PID@URL,NAME@PID@URL --kill-at 0.5]
 *   UpdateBench receiver [--port 0]
 *   UpdateBench audience-selftest
 *   UpdateBench endpoints --api URL --fleet FILE (--receiver URL --out FILE | --in FILE --status enabled|disabled)
 *   UpdateBench deliveries --receiver URL --acks FILE --window-start-ms MS --window-end-ms MS [--wait-s 60]
 * </pre>
 *
 * {@code broadcast} (Broadcasts), {@code receiver} (Receiver), {@code endpoints} (Endpoints) and
 * {@code deliveries} (Deliveries) are the broadcast and integration scenarios' (bench/audience.sh);
 * each of {@code broadcast} and {@code deliveries} prints one line {@code BROADCAST_RESULT} /
 * {@code DELIVERIES_RESULT {json}}. {@code load --ack-log FILE} writes every acknowledged update
 * (bot id, update_id, acknowledged and due in µs), {@code --texts-only} makes every update a text
 * message that is not a command (one message.received event each).
 *
 * {@code load} prints one line {@code UPDATES_RESULT {json}} on stdout (progress goes to
 * stderr): the deliveries' answers and latency, the replies matched to their commands
 * (end-to-end latency, missing, duplicated, out of order), the inbox depth over time and how
 * long it took to return to 0 after the load stopped. {@code --chats} overrides the fleet file's
 * chats per bot; {@code --secrets grammy} signs deliveries as the grammY anchor expects (a peer
 * measured beside the service); {@code --reply-log} writes every reply of the fleet, one JSON
 * array {@code [telegram_bot_id, received_us, due_us]} a line (due 0: it answered no command). In
 * {@code --pids}, a pid ending in {@code +} counts its child processes with it.
 *
 * {@code peer-bots} writes the grammY anchor's BOTS_FILE for the fleet; {@code secret} prints
 * one bot's webhook secret (to check the derivation against the peer's own).
 */
public final class UpdateBench {

  private UpdateBench() {
  }

  public static void main(String[] argv) throws Exception {
    if (argv.length == 0) {
      throw new IllegalArgumentException("usage: UpdateBench setup|load|peer-bots|secret|sample|database|selftest|ceiling"
        + "|broadcast|receiver|endpoints|deliveries [--option value]...");
    }
    Map<String, String> args = options(argv);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2));
    int rc = 0;
    try {
      switch (argv[0]) {
        case "setup" -> new FleetSetup(vertx, args.get("api")).run(integer(args, "bots", 1000), integer(args, "chats", 100),
          integer(args, "parallel", 16), integer(args, "wait-ms", 180_000), Path.of(required(args, "out")));
        case "load" -> System.out.println("UPDATES_RESULT " + load(vertx, args).encode());
        case "sample" -> System.out.println(sample());
        case "peer-bots" -> Fleet.writePeerBots(Path.of(required(args, "fleet")), Path.of(required(args, "out")));
        case "secret" -> System.out.println(Fleet.Secrets.of(required(args, "secrets"))
          .under(java.util.Base64.getDecoder().decode(java.util.Objects.requireNonNull(System.getenv("BENCH_WEBHOOK_KEY"),
            "BENCH_WEBHOOK_KEY is required")))
          .apply(java.util.UUID.fromString(required(args, "id"))));
        case "database" -> {
          vertx.close().await();
          // The password from the environment, not the command line, which any local user can read.
          DatabaseHolder.run(Path.of(required(args, "dir")), System.getenv("BENCH_DB_PASSWORD"));
        }
        case "selftest" -> rc = SelfTest.run(vertx);
        case "audience-selftest" -> rc = AudienceSelfTest.run(vertx);
        case "broadcast" -> {
          String[] bots = required(args, "bots").split("-");
          java.util.List<Broadcasts.Node> nodes = new java.util.ArrayList<>();
          for (String n : args.getOrDefault("nodes", "").split(",")) {
            if (!n.isBlank()) {
              String[] f = n.split("@", 3);
              nodes.add(new Broadcasts.Node(f[0], Long.parseLong(f[1]), f[2]));
            }
          }
          System.out.println("BROADCAST_RESULT " + Broadcasts.run(vertx, required(args, "api"), Path.of(required(args, "fleet")),
            Integer.parseInt(bots[0]), Integer.parseInt(bots[bots.length - 1]), required(args, "double"), required(args, "db-url"),
            nodes, Double.parseDouble(args.getOrDefault("kill-at", "0")), integer(args, "timeout-s", 900) * 1000L).encode());
        }
        case "receiver" -> {
          var server = Receiver.start(vertx, integer(args, "port", 0)).await();
          System.out.println("RECEIVER_PORT=" + server.actualPort());
          new java.util.concurrent.CountDownLatch(1).await(); // until stopped
        }
        case "endpoints" -> {
          Owner owner = Owner.of(vertx, required(args, "api"), Path.of(required(args, "fleet")));
          if (args.containsKey("status")) {
            Endpoints.status(owner, Path.of(required(args, "in")), args.get("status"), 16);
          } else {
            Endpoints.create(owner, Path.of(required(args, "fleet")), required(args, "receiver"), 16, Path.of(required(args, "out")));
          }
        }
        case "deliveries" -> System.out.println("DELIVERIES_RESULT " + Deliveries.report(vertx, required(args, "receiver"),
          Path.of(required(args, "acks")), Long.parseLong(required(args, "window-start-ms")) * 1000,
          Long.parseLong(required(args, "window-end-ms")) * 1000, integer(args, "wait-s", 60) * 1000L).encode());
        case "ceiling" -> System.out.println("UPDATES_CEILING " + SelfTest.ceiling(vertx, integer(args, "connections", 32),
          integer(args, "duration", 5)).encode());
        default -> throw new IllegalArgumentException("unknown command " + argv[0]);
      }
    } finally {
      vertx.close().await();
    }
    System.exit(rc);
  }

  static JsonObject load(Vertx vertx, Map<String, String> args) throws Exception {
    Fleet fleet = Fleet.read(Path.of(required(args, "fleet")), required(args, "webhook-key"),
      Fleet.Secrets.of(args.getOrDefault("secrets", "botfactory")), args.containsKey("chats") ? integer(args, "chats", 0) : null);
    Load.Mode mode = Load.Mode.valueOf(required(args, "mode").toUpperCase());
    Load.Plan plan = new Load.Plan(mode, integer(args, "connections", 32),
      mode == Load.Mode.OPEN ? Double.parseDouble(required(args, "rate")) : 0,
      Double.parseDouble(args.getOrDefault("duplicates", "0")),
      args.containsKey("commands-only") ? Corpus.Kind.COMMAND : args.containsKey("texts-only") ? Corpus.Kind.TEXT : null,
      integer(args, "warmup", 5), integer(args, "duration", 15), args.containsKey("retry-failed"));
    int bucketMs = integer(args, "bucket-ms", 500);
    long drainMs = integer(args, "drain-timeout", 30) * 1000L;

    // Two event loops: one sends, the other observes (the double's feed, the inbox depth), so
    // that reading replies never delays a delivery that is due.
    Context sending = vertx.getOrCreateContext();
    Context observing = vertx.getOrCreateContext();
    long t0Ns = System.nanoTime() + 1_000_000_000L;
    Instant now = Instant.now();
    long t0Us = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000 + 1_000_000L;
    long windowStartUs = t0Us + plan.warmupS() * 1_000_000L;
    int buckets = (int) ((plan.durationS() * 1000L + drainMs) / bucketMs) + 1;

    Ledger ledger = new Ledger(fleet.size() * fleet.chatsPerBot);
    Traffic traffic = new Traffic(fleet, plan.only(), System.currentTimeMillis() * 1000, t0Ns);
    Load load = new Load(vertx, sending, plan, fleet, traffic, ledger, required(args, "target"));
    if (args.containsKey("ack-log")) {
      load.keepAcks();
    }
    String doubleUrl = required(args, "double");
    Replies[] replies = new Replies[1];
    InboxDepth[] depth = new InboxDepth[1];
    java.util.Set<String> trees = new java.util.HashSet<>();
    ProcSampler cpu = new ProcSampler(pids(args.getOrDefault("pids", ""), trees), trees, integer(args, "clk-tck", 100));
    java.util.concurrent.atomic.AtomicReference<JsonObject> usage = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicReference<long[]> db0 = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicReference<long[]> db1 = new java.util.concurrent.atomic.AtomicReference<>();
    onContext(observing, () -> {
      replies[0] = new Replies(vertx, doubleUrl, fleet, ledger, windowStartUs, bucketMs, buckets);
      depth[0] = new InboxDepth(vertx, required(args, "db-url"), args.getOrDefault("inbox-query", InboxDepth.DEFAULT_QUERY));
      if (args.containsKey("reply-log")) {
        replies[0].keepLog();
      }
    });
    replies[0].startAfter(replies[0].newestSeq());
    onContext(observing, () -> {
      replies[0].start(200);
      depth[0].start(250);
      // CPU over the measured window exactly; the service's memory all along.
      long toStart = (t0Ns - System.nanoTime()) / 1_000_000 + plan.warmupS() * 1000L;
      vertx.setTimer(Math.max(1, toStart), id -> {
        cpu.start();
        depth[0].counters().onSuccess(c -> db0.set(c));
      });
      vertx.setTimer(Math.max(1, toStart + plan.durationS() * 1000L), id -> {
        usage.set(cpu.stop());
        depth[0].counters().onSuccess(c -> db1.set(c));
      });
      vertx.setPeriodic(200, id -> cpu.sampleMemory());
    });
    // For bench/run.sh, which times the crash run's kills from the measured window's start.
    System.err.println("WINDOW_START_MS " + windowStartUs / 1000);
    log(plan.mode().name().toLowerCase() + " loop, " + plan.connections() + " connections"
      + (mode == Load.Mode.OPEN ? ", " + plan.rate() + " updates/s" : "") + ", " + plan.warmupS() + " s warm-up + "
      + plan.durationS() + " s");

    load.run(t0Ns, t0Us).await();
    long endMs = load.windowEndUs() / 1000;
    replies[0].windowEnds(load.windowEndUs());
    JsonObject sent = load.summary().await();
    log("load done: " + sent.getLong("acked_in_window") + " acknowledged in the window (" + sent.getDouble("acked_per_s")
      + "/s), ack p99 " + sent.getJsonObject("ack_ms").getValue("p99") + " ms; draining");

    // The drain: until the inbox is empty and every acknowledged command has its reply.
    Long depthZeroMs = null;
    Long repliesDoneMs = null;
    long deadline = System.currentTimeMillis() + drainMs;
    while (System.currentTimeMillis() < deadline && (depthZeroMs == null || repliesDoneMs == null)) {
      Thread.sleep(100);
      if (depthZeroMs == null && depth[0].last() == 0 && depth[0].lastAtMs() >= endMs) {
        depthZeroMs = depth[0].lastAtMs() - endMs;
      }
      if (repliesDoneMs == null && ledger.missing() == 0) {
        repliesDoneMs = System.currentTimeMillis() - endMs;
      }
    }
    Thread.sleep(300);  // one more read of the feed: replies that arrived while we looked
    java.util.List<long[]> replyLog = new java.util.ArrayList<>();
    onContext(observing, () -> {
      replies[0].stop();
      depth[0].stop();
      replyLog.addAll(replies[0].log());
    });
    load.close().await();
    if (args.containsKey("reply-log")) {
      StringBuilder lines = new StringBuilder(replyLog.size() * 40);
      replyLog.forEach(r -> lines.append('[').append(r[0]).append(',').append(r[1]).append(',').append(r[2]).append("]\n"));
      java.nio.file.Files.writeString(Path.of(args.get("reply-log")), lines);
    }

    if (args.containsKey("ack-log")) {
      StringBuilder lines = new StringBuilder(load.acks().size() * 80);
      load.acks().forEach(a -> lines.append(fleet.bots.get((int) a[0]).id()).append('\t').append(a[1]).append('\t')
        .append(a[2]).append('\t').append(a[3]).append('\n'));
      java.nio.file.Files.writeString(Path.of(args.get("ack-log")), lines);
    }
    JsonObject replySummary = replies[0].summary();
    while (usage.get() == null && System.currentTimeMillis() < endMs + 5000) {
      Thread.sleep(20);
    }
    JsonObject result = sent.put("cpu_pct", usage.get()).put("db", dbCost(db0.get(), db1.get(), sent.getLong("acked_in_window"))).put("replies", replySummary).put("inbox", new JsonObject()
      .put("max_depth", depth[0].max()).put("depth_zero_after_ms", depthZeroMs).put("replies_done_after_ms", repliesDoneMs)
      .put("drain_timeout_ms", drainMs).put("error", depth[0].error()).put("samples", thin(depth[0].samples(), 1200)));
    log("replies: " + replySummary.getLong("matched") + " matched, " + replySummary.getLong("missing") + " missing, "
      + replySummary.getLong("duplicates") + " duplicated, " + replySummary.getLong("out_of_order") + " out of order; e2e p99 "
      + replySummary.getJsonObject("e2e_ms").getValue("p99") + " ms; inbox empty " + depthZeroMs + " ms after the load");
    return result;
  }

  /**
   * One command message of the ingress mix's mean size, for the floor of the ingress (its
   * payload): from 10,000 updates of a fleet of 1,000 bots, the command closest to the mean.
   */
  static String sample() {
    java.util.List<Fleet.Bot> bots = new java.util.ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      bots.add(new Fleet.Bot(java.util.UUID.randomUUID(), 4_000_000_000_000_000L + i, "bot" + (4_000_000_000_000_000L + i) + "_bot", ""));
    }
    Traffic traffic = new Traffic(new Fleet(bots, 100), null, 1_000_000_000L, 3);
    java.util.List<Traffic.Update> updates = new java.util.ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      updates.add(traffic.next());
    }
    double mean = updates.stream().mapToInt(u -> u.body().length()).average().orElseThrow();
    return updates.stream().filter(u -> u.kind() == Corpus.Kind.COMMAND)
      .min(java.util.Comparator.comparingDouble(u -> Math.abs(u.body().length() - mean))).orElseThrow().body().toString();
  }

  /** PostgreSQL's transactions, WAL flushes and WAL bytes over the window, per acknowledged update. */
  private static JsonObject dbCost(long[] a, long[] b, long acked) {
    if (a == null || b == null || acked == 0) {
      return null;
    }
    return new JsonObject().put("transactions_per_update", Math.round((b[0] - a[0]) * 100.0 / acked) / 100.0)
      .put("wal_syncs_per_update", Math.round((b[1] - a[1]) * 1000.0 / acked) / 1000.0)
      .put("wal_bytes_per_update", (b[2] - a[2]) / acked);
  }

  /** {@code service=12+,db=34} → {service: 12, db: 34}; the names whose pid ends in + go to {@code trees}. */
  private static Map<String, Long> pids(String csv, java.util.Set<String> trees) {
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    for (String part : csv.split(",")) {
      if (!part.isBlank()) {
        String[] kv = part.split("=", 2);
        String pid = kv[1].trim();
        if (pid.endsWith("+")) {
          trees.add(kv[0].trim());
          pid = pid.substring(0, pid.length() - 1);
        }
        out.put(kv[0].trim(), Long.parseLong(pid));
      }
    }
    return out;
  }

  /** At most {@code max} samples, evenly taken. */
  private static JsonArray thin(JsonArray samples, int max) {
    if (samples.size() <= max) {
      return samples;
    }
    JsonArray out = new JsonArray();
    double step = samples.size() / (double) max;
    for (int i = 0; i < max; i++) {
      out.add(samples.getValue((int) (i * step)));
    }
    return out;
  }

  private static void onContext(Context context, Runnable r) {
    io.vertx.core.Promise<Void> p = io.vertx.core.Promise.promise();
    context.runOnContext(v -> {
      try {
        r.run();
        p.complete();
      } catch (RuntimeException e) {
        p.fail(e);
      }
    });
    p.future().await();
  }

  static Map<String, String> options(String[] argv) {
    Map<String, String> out = new HashMap<>();
    for (int i = 1; i < argv.length; i++) {
      if (!argv[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option, got " + argv[i]);
      }
      String key = argv[i].substring(2);
      boolean flag = i + 1 == argv.length || argv[i + 1].startsWith("--");
      out.put(key, flag ? "true" : argv[++i]);
    }
    return out;
  }

  static String required(Map<String, String> args, String key) {
    String v = args.get(key);
    if (v == null) {
      throw new IllegalArgumentException("--" + key + " is required");
    }
    return v;
  }

  static int integer(Map<String, String> args, String key, int fallback) {
    return args.containsKey(key) ? Integer.parseInt(args.get(key)) : fallback;
  }

  static void log(String s) {
    System.err.println("[updates " + java.time.LocalTime.now().withNano(0) + "] " + s);
  }
}
