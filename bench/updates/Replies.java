import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The replies, as the Telegram double received them: reads its feed of accepted sendMessage
 * calls ({@code GET /_double/sent}) every {@code periodMs}, matches each message to the command
 * it answers ({@link Ledger}) and records the time from the command's intended sending to the
 * double's receiving of the reply. Also keeps the longest silences between two replies (the
 * gap a crash leaves) and replies per timeline bucket. Runs on the observing context.
 */
final class Replies {

  private final Vertx vertx;
  private final WebClient web;
  private final String feed;
  private final Fleet fleet;
  private final Ledger ledger;
  private final Map<Long, Integer> chatKeys = new HashMap<>();
  private final Latencies e2e;
  private final long windowStartUs;
  private volatile long windowEndUs = Long.MAX_VALUE;
  private final int bucketMs;
  private final long[] arrivals;
  private final List<long[]> gaps = new ArrayList<>();
  private long since;
  private long lost;
  private long foreign;
  private long received;
  private final JsonArray unmatched = new JsonArray();
  /** The last reply's arrival; the window's start before the first (a silence from then on counts). */
  private long lastArrivalUs;
  /** Silences kept: longer than 250 ms, the 200 longest. */
  private static final long MIN_GAP_US = 250_000;
  private static final int MAX_GAPS = 200;
  private long timer = -1;
  private boolean busy;
  private String error;
  /** With {@link #keepLog}: every reply of the fleet, {Telegram bot id, received (us), due of its command (us; 0: none)}. */
  private final List<long[]> log = new ArrayList<>();
  private boolean keepLog;

  Replies(Vertx vertx, String doubleUrl, Fleet fleet, Ledger ledger, long windowStartUs, int bucketMs, int buckets) {
    this.vertx = vertx;
    this.web = WebClient.create(vertx);
    this.feed = doubleUrl + "/_double/sent";
    this.fleet = fleet;
    this.ledger = ledger;
    this.windowStartUs = windowStartUs;
    this.bucketMs = bucketMs;
    this.arrivals = new long[buckets];
    this.e2e = new Latencies(windowStartUs, bucketMs, buckets);
    this.lastArrivalUs = windowStartUs;
    for (int b = 0; b < fleet.size(); b++) {
      for (int c = 0; c < fleet.chatsPerBot; c++) {
        chatKeys.put(Corpus.Chat.of(b, c, fleet.chatsPerBot).id(), b * fleet.chatsPerBot + c);
      }
    }
  }

  /** Keeps every reply for {@link #log()} (the crash run: when each bot was answered again after a kill). */
  void keepLog() {
    keepLog = true;
  }

  /** Skips whatever the double received before now (earlier scenarios' replies). */
  void startAfter(long seq) {
    since = seq;
  }

  /** The feed's newest seq, asked once before a scenario starts. */
  long newestSeq() {
    return web.getAbs(feed + "?since=0&limit=1").send().await().bodyAsJsonObject().getLong("last");
  }

  void start(int periodMs) {
    timer = vertx.setPeriodic(periodMs, id -> poll());
  }

  /** Updates meant to be sent from now on are outside the measured window (the drain). */
  void windowEnds(long atUs) {
    windowEndUs = atUs;
  }

  private void poll() {
    if (busy) {
      return;
    }
    busy = true;
    web.getAbs(feed + "?limit=50000&since=" + since).send().onComplete(ar -> {
      busy = false;
      if (ar.failed() || ar.result().statusCode() != 200) {
        error = ar.failed() ? ar.cause().toString() : "feed answered " + ar.result().statusCode();
        return;
      }
      take(ar.result().bodyAsJsonObject());
    });
  }

  private void take(JsonObject page) {
    long first = page.getLong("first");
    if (first > since + 1) {
      lost += first - since - 1;
    }
    for (Object o : page.getJsonArray("messages")) {
      JsonArray m = (JsonArray) o;
      since = m.getLong(0);
      int bot = fleet.indexOf(m.getLong(1));
      Integer chatKey = chatKeys.get(m.getLong(2));
      if (bot < 0 || chatKey == null || chatKey / fleet.chatsPerBot != bot) {
        foreign++;
        continue;
      }
      long atUs = m.getLong(3);
      received++;
      arrived(atUs);
      long intendedUs = ledger.reply(chatKey, Fleet.command(m.getString(4)));
      if (intendedUs == 0 && unmatched.size() < 20) {
        // A duplicate or a reply out of order: what, where and when, for whoever looks into it.
        unmatched.add(new JsonObject().put("telegram_bot_id", m.getLong(1)).put("chat_id", m.getLong(2))
          .put("command", Fleet.command(m.getString(4))).put("at_ms", atUs / 1000)
          .put("last_answered_update_id", ledger.lastAnswered(chatKey)));
      }
      if (intendedUs > 0 && intendedUs >= windowStartUs && intendedUs < windowEndUs) {
        e2e.record(intendedUs, atUs - intendedUs);
      }
      if (keepLog) {
        log.add(new long[] {m.getLong(1), atUs, intendedUs});
      }
    }
  }

  private void arrived(long atUs) {
    if (atUs >= windowStartUs) {
      int i = (int) ((atUs - windowStartUs) / 1000 / bucketMs);
      if (i < arrivals.length) {
        arrivals[i]++;
      }
      if (atUs - lastArrivalUs > MIN_GAP_US) {
        gaps.add(new long[] {lastArrivalUs, atUs});
        if (gaps.size() > 2 * MAX_GAPS) {
          gaps.sort(Comparator.comparingLong((long[] g) -> g[1] - g[0]).reversed());
          gaps.subList(MAX_GAPS, gaps.size()).clear();
        }
      }
    }
    lastArrivalUs = Math.max(lastArrivalUs, atUs);
  }

  long received() {
    return received;
  }

  /** The replies kept (after {@link #stop()}, read on the caller's thread: nothing adds to it any more). */
  List<long[]> log() {
    return log;
  }

  void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    web.close();
  }

  /** The replies' figures: counts, end-to-end latency (window only), the silences of more than 250 ms in time order. */
  JsonObject summary() {
    gaps.sort(Comparator.comparingLong((long[] g) -> g[1] - g[0]).reversed());
    JsonArray longest = new JsonArray();
    gaps.stream().limit(MAX_GAPS).sorted(Comparator.comparingLong((long[] g) -> g[0])).forEach(g -> longest.add(new JsonObject().put("from_ms", g[0] / 1000).put("to_ms", g[1] / 1000)
      .put("ms", Latencies.ms(g[1] - g[0]))));
    JsonArray perBucket = new JsonArray();
    for (long a : arrivals) {
      perBucket.add(a);
    }
    return new JsonObject()
      .put("commands_sent", ledger.commands()).put("commands_acked", ledger.acknowledged())
      .put("received", received).put("matched", ledger.matched()).put("missing", ledger.missing())
      .put("duplicates", ledger.duplicates()).put("out_of_order", ledger.outOfOrder())
      .put("foreign", foreign).put("feed_lost", lost).put("feed_error", error)
      .put("e2e_ms", e2e.summaryMs()).put("e2e_timeline_ms", e2e.timelineMs()).put("arrivals_per_bucket", perBucket)
      .put("gaps", longest).put("unmatched_examples", unmatched);
  }
}
