package io.botfactory.app;

import io.botfactory.support.Api;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dev mode as a user meets it: no DATABASE_URL and no secrets configured. The node starts its
 * own PostgreSQL under the data directory and generates its keys there; stopped and started
 * again, it still has the accounts and bots, and tokens issued before still work.
 */
@ExtendWith(VertxExtension.class)
class RestartTest {

  @Test
  void aRestartKeepsAccountsBotsAndTokens(Vertx vertx, @TempDir Path dataDir) {
    JsonObject config = TestStack.devConfig(dataDir);
    TestStack first = TestStack.start(config);
    Api api = new Api(vertx, first.port);
    Api.Account account;
    JsonObject bot;
    try {
      account = api.newAccount();
      bot = api.createBot(account, "survivor");
    } finally {
      first.stop();
    }

    Path secrets = dataDir.resolve("secrets.json");
    assertThat(secrets).exists();
    assertThat(permissions(secrets)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();

    TestStack second = TestStack.start(config);
    try {
      assertThat(api.get("/clients/me", account.token()).statusCode()).isEqualTo(200);
      assertThat(api.get("/bots/me", account.token()).bodyAsJsonArray()).containsExactly(bot);
      assertThat(api.login(account.email(), account.password()).statusCode()).isEqualTo(200);
    } finally {
      second.stop();
    }
  }

  private static java.util.Set<PosixFilePermission> permissions(Path file) {
    try {
      return Files.getPosixFilePermissions(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
