package io.botfactory.cluster;

import io.botfactory.support.Api;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login throttling counts across nodes: two nodes, each with its own HTTP server and its own
 * auth service, share one count per email, because the count lives in PostgreSQL.
 */
@ExtendWith(VertxExtension.class)
class ClusterThrottleTest {

  private TestCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void failedLoginsThroughTwoHttpNodesAddUp(Vertx vertx) throws InterruptedException {
    cluster = new TestCluster(2);
    int portA = TestStack.freePort();
    int portB = TestStack.freePort();
    cluster.start(0, "http,auth,storage", portA);
    cluster.start(1, "http,auth", portB);
    Api a = new Api(vertx, portA);
    Api b = new Api(vertx, portB);
    TestCluster.awaitReady(a, TestCluster.START);
    TestCluster.awaitReady(b, TestCluster.START);

    Api.Account account = a.newAccount();
    for (int i = 0; i < 3; i++) {
      assertThat(a.login(account.email(), "wrong").statusCode()).isEqualTo(401);
    }
    for (int i = 0; i < 2; i++) {
      assertThat(b.login(account.email(), "wrong").statusCode()).isEqualTo(401);
    }
    for (Api node : new Api[]{a, b}) {
      HttpResponse<Buffer> locked = node.login(account.email(), account.password());
      assertThat(locked.statusCode()).isEqualTo(429);
      assertThat(locked.getHeader("Retry-After")).isNotNull();
    }
  }
}
