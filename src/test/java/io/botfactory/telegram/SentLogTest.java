package io.botfactory.telegram;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The ring keeps the newest messages and says which ones a reader missed. */
class SentLogTest {

  @Test
  void aFullRingKeepsTheNewestAndNumbersOn() {
    SentLog log = new SentLog(3);
    for (int i = 1; i <= 5; i++) {
      log.add(7, 100 + i, Instant.ofEpochSecond(1_700_000_000L, i * 1_000L), "m" + i);
    }
    JsonObject all = log.after(0, 10);
    assertThat(all.getLong("first")).isEqualTo(3L);
    assertThat(all.getLong("last")).isEqualTo(5L);
    assertThat(all.getJsonArray("messages")).containsExactly(
      new JsonArray().add(3L).add(7L).add(103L).add(1_700_000_000_000_003L).add("m3"),
      new JsonArray().add(4L).add(7L).add(104L).add(1_700_000_000_000_004L).add("m4"),
      new JsonArray().add(5L).add(7L).add(105L).add(1_700_000_000_000_005L).add("m5"));
    assertThat(log.after(3, 1).getJsonArray("messages")).hasSize(1);
    assertThat(log.after(3, 1).getJsonArray("messages").getJsonArray(0).getLong(0)).isEqualTo(4L);
  }

  @Test
  void clearingForgetsButKeepsTheNumbering() {
    SentLog log = new SentLog(4);
    log.add(1, 1, Instant.EPOCH, "a");
    log.add(1, 1, Instant.EPOCH, "b");
    log.clear();
    assertThat(log.after(0, 10).getJsonArray("messages")).isEmpty();
    log.add(1, 1, Instant.EPOCH, "c");
    JsonObject after = log.after(0, 10);
    assertThat(after.getLong("first")).isEqualTo(3L);
    assertThat(after.getJsonArray("messages").getJsonArray(0).getString(4)).isEqualTo("c");
  }
}
