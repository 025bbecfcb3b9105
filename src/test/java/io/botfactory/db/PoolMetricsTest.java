package io.botfactory.db;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /metrics reports every pool of a node: a node with two event loops has two storage pools of 4
 * connections; with 6 requests holding connections, each pool reports its own use, none more
 * than all of it. (Both pools had one name, and Micrometer kept the first one's gauge: the usage
 * ratio came out as 6 / 4 = 1.5.)
 */
@ExtendWith(VertxExtension.class)
class PoolMetricsTest {

  private static final Pattern GAUGE = Pattern.compile("^vertx_pool_(in_use|ratio)\\{pool_name=\"(bots-\\d+)\",pool_type=\"sql\"} (\\S+)$");

  @Test
  void eachPoolOfTheNodeIsReported(Vertx vertx) throws InterruptedException {
    TestStack node = TestStack.start(TestStack.config(TestDatabase.url()).put(ConfigKey.ROLES.key(), "http,auth,storage")
      .put(ConfigKey.EVENT_LOOPS.key(), 2)
      .put(ConfigKey.BUS_TIMEOUT_MS.key(), 10_000));
    PgConnection lock = PgConnection.connect(vertx, PgConnectOptions.fromUri(TestDatabase.url())).await();
    List<Future<HttpResponse<Buffer>>> held = new ArrayList<>();
    try {
      Api api = new Api(vertx, node.port);
      Api.Account owner = api.newAccount();
      lock.query("BEGIN").execute().await();
      lock.query("LOCK TABLE bots IN EXCLUSIVE MODE").execute().await();
      for (int i = 0; i < 6; i++) {
        held.add(api.request(HttpMethod.POST, "/bots", owner.token())
          .sendJsonObject(new JsonObject().put("name", "held " + i).put("token", Api.telegramToken(Api.telegramId()))));
      }
      long deadline = System.currentTimeMillis() + 5000;
      while (lock.query("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'bots'::regclass").execute().await()
        .iterator().next().getLong(0) < 6) {
        assertThat(System.currentTimeMillis()).as("six inserts wait for the lock").isLessThan(deadline);
        Thread.sleep(20);
      }

      Map<String, Map<String, Double>> gauges = api.get("/metrics", null).bodyAsString().lines()
        .map(GAUGE::matcher).filter(Matcher::matches)
        .collect(Collectors.groupingBy(m -> m.group(1), Collectors.toMap(m -> m.group(2), m -> Double.parseDouble(m.group(3)))));
      assertThat(gauges.get("in_use")).hasSize(2);
      assertThat(gauges.get("in_use").values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(6.0);
      assertThat(gauges.get("ratio").values()).hasSize(2).allSatisfy(ratio -> assertThat(ratio).isBetween(0.0, 1.0));
    } finally {
      lock.query("COMMIT").execute().await();
      Future.join(held).await();
      lock.close().await();
      node.stop();
    }
  }
}
