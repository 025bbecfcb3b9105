import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The integration scenarios' deliveries, from the generator's acknowledgements ({@code --ack-log})
 * and the receiver's log: each acknowledged update of the measured window (every one a text
 * message, so one message.received event each) matched by bot and update_id to the first
 * delivery of its event. Waits until every one has arrived, or {@code waitMs}. Reports the
 * delivery latency, from the update's 200 to the receiver having its delivery (it answers 200 at
 * once), deliveries per second over the window, how long after the load the last one came,
 * and what is missing or came twice.
 */
final class Deliveries {

  private Deliveries() {
  }

  /** {@code ackLog}: lines bot TAB update_id TAB acked_us TAB due_us; the window by due time. */
  static JsonObject report(Vertx vertx, String receiver, Path ackLog, long windowStartUs, long windowEndUs, long waitMs)
    throws Exception {
    Map<String, Long> acked = new HashMap<>();
    long lastAckUs = 0;
    for (String line : Files.readAllLines(ackLog)) {
      String[] f = line.split("\t");
      long due = Long.parseLong(f[3]);
      if (due >= windowStartUs && due < windowEndUs) {
        acked.put(f[0] + "/" + f[1], Long.parseLong(f[2]));
        lastAckUs = Math.max(lastAckUs, Long.parseLong(f[2]));
      }
    }
    WebClient web = WebClient.create(vertx);
    Map<String, Long> arrived = new HashMap<>();
    Map<String, Integer> perId = new HashMap<>();
    int lines = 0;
    long deadline = System.currentTimeMillis() + waitMs;
    long matched = 0;
    while (true) {
      String text = web.getAbs(receiver + "/_receiver/log?since=" + lines).send().await().bodyAsString();
      if (text != null && !text.isEmpty()) {
        for (String line : text.split("\n")) {
          lines++;
          String[] f = line.split("\t");
          perId.merge(f[1], 1, Integer::sum);
          String key = f[2] + "/" + f[3];
          if (arrived.putIfAbsent(key, Long.parseLong(f[0])) == null && acked.containsKey(key)) {
            matched++;
          }
        }
      }
      if (matched >= acked.size() || System.currentTimeMillis() > deadline) {
        break;
      }
      Thread.sleep(200);
    }
    Latencies latency = new Latencies();
    long inWindow = 0;
    long lastUs = 0;
    for (Map.Entry<String, Long> a : acked.entrySet()) {
      Long at = arrived.get(a.getKey());
      if (at != null) {
        latency.record(0, at - a.getValue());
        lastUs = Math.max(lastUs, at);
      }
    }
    for (long at : arrived.values()) {
      if (at >= windowStartUs && at < windowEndUs) {
        inWindow++;
      }
    }
    long twice = perId.values().stream().filter(n -> n > 1).count();
    double seconds = (windowEndUs - windowStartUs) / 1e6;
    return new JsonObject().put("acked", acked.size()).put("delivered", matched).put("missing", acked.size() - matched)
      .put("receiver_requests", lines).put("ids_delivered_twice", twice)
      .put("delivered_in_window", inWindow).put("delivered_per_s", Math.round(inWindow / seconds * 100) / 100.0)
      .put("last_after_load_ms", lastUs == 0 ? null : Math.max(0, (lastUs - Math.max(lastAckUs, windowEndUs)) / 1000))
      .put("latency_ms", latency.summaryMs());
  }
}
