import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/**
 * Latencies in microseconds: one histogram for the measured window, and optionally a timeline
 * of histograms per bucket of {@code bucketMs} (by the time the update was meant to be sent),
 * from the window's start on. Not thread-safe: each instance is fed by one thread.
 */
final class Latencies {

  private static final long HIGHEST_US = 600_000_000L;

  private final Histogram all = new Histogram(HIGHEST_US, 3);
  private final long startUs;
  private final int bucketMs;
  private final Histogram[] buckets;

  /** Without a timeline. */
  Latencies() {
    this(0, 0, 0);
  }

  /** With a timeline of {@code count} buckets of {@code bucketMs} from {@code startUs}. */
  Latencies(long startUs, int bucketMs, int count) {
    this.startUs = startUs;
    this.bucketMs = bucketMs;
    this.buckets = new Histogram[count];
  }

  void record(long sentUs, long latencyUs) {
    long v = Math.max(0, Math.min(latencyUs, HIGHEST_US));
    all.recordValue(v);
    if (bucketMs > 0 && sentUs >= startUs) {
      int i = (int) ((sentUs - startUs) / 1000 / bucketMs);
      if (i < buckets.length) {
        if (buckets[i] == null) {
          buckets[i] = new Histogram(HIGHEST_US, 2);
        }
        buckets[i].recordValue(v);
      }
    }
  }

  long count() {
    return all.getTotalCount();
  }

  /** {@code {"count", "p50", "p90", "p95", "p99", "p999", "max", "mean"}} in milliseconds (null when empty). */
  JsonObject summaryMs() {
    if (all.getTotalCount() == 0) {
      return new JsonObject().put("count", 0).putNull("p50").putNull("p90").putNull("p95").putNull("p99").putNull("p999")
        .putNull("max").putNull("mean");
    }
    return new JsonObject().put("count", all.getTotalCount())
      .put("p50", ms(all.getValueAtPercentile(50))).put("p90", ms(all.getValueAtPercentile(90)))
      .put("p95", ms(all.getValueAtPercentile(95)))
      .put("p99", ms(all.getValueAtPercentile(99))).put("p999", ms(all.getValueAtPercentile(99.9)))
      .put("max", ms(all.getMaxValue())).put("mean", Math.round(all.getMean()) / 1000.0);
  }

  /** The timeline: {@code {"bucket_ms", "count": [...], "p50": [...], "p99": [...], "max": [...]}} (ms; null for empty buckets). */
  JsonObject timelineMs() {
    JsonArray count = new JsonArray();
    JsonArray p50 = new JsonArray();
    JsonArray p99 = new JsonArray();
    JsonArray max = new JsonArray();
    for (Histogram h : buckets) {
      boolean empty = h == null || h.getTotalCount() == 0;
      count.add(empty ? 0 : h.getTotalCount());
      p50.add(empty ? null : ms(h.getValueAtPercentile(50)));
      p99.add(empty ? null : ms(h.getValueAtPercentile(99)));
      max.add(empty ? null : ms(h.getMaxValue()));
    }
    return new JsonObject().put("bucket_ms", bucketMs).put("count", count).put("p50", p50).put("p99", p99).put("max", max);
  }

  static double ms(long us) {
    return Math.round(us / 10.0) / 100.0;
  }
}
