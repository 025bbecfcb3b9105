package io.botfactory.bots;

import io.botfactory.bus.Addresses;
import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.Sql;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rotating the bot-token key, as docs/security.md describes it: a node given a new key and the old
 * one in BOTFACTORY_TOKEN_KEYS_OLD still reads every token; a bot that is changed gets its token
 * sealed with the new key; once that is done, the old key can go.
 */
@ExtendWith(VertxExtension.class)
class TokenKeyRotationTest {

  private static final String NEW_KEY = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

  private static TestStack node(JsonObject keys) {
    return TestStack.start(TestStack.config(TestDatabase.url()).put(ConfigKey.ROLES.key(), "http,auth,storage").mergeIn(keys));
  }

  private static String token(TestStack node, String botId) {
    return node.vertx.eventBus().<JsonObject>request(Addresses.BOTS_TOKEN.name(), new JsonObject().put("bot_id", botId))
      .await().body().getString("token");
  }

  private static String keyId(Vertx vertx, String botId) {
    try (Sql sql = new Sql(vertx)) {
      return sql.query("SELECT token_key_id FROM bots WHERE id = $1", UUID.fromString(botId)).iterator().next()
        .getString("token_key_id");
    }
  }

  @Test
  void theOldKeyReadsWhatItSealedUntilTheBotIsWrittenAgain(Vertx vertx) {
    Api before = new Api(vertx, TestStack.shared().port);
    Api.Account owner = before.newAccount();
    String token = Api.telegramToken(Api.telegramId());
    String patched = before.post("/bots", new JsonObject().put("name", "patched").put("token", token), owner.token())
      .bodyAsJsonObject().getString("id");
    JsonObject untouched = before.createBot(owner, "untouched");
    assertThat(keyId(vertx, patched)).isEqualTo("k1");

    TestStack rotating = node(new JsonObject().put(ConfigKey.TOKEN_KEY.key(), NEW_KEY).put(ConfigKey.TOKEN_KEY_ID.key(), "k2")
      .put(ConfigKey.TOKEN_KEYS_OLD.key(), "k1:" + TestStack.TOKEN_KEY));
    try {
      assertThat(token(rotating, patched)).isEqualTo(token);
      Api api = new Api(vertx, rotating.port);
      assertThat(api.patch("/bots/" + patched, new JsonObject().put("name", "patched again"), owner.token()).statusCode())
        .isEqualTo(200);
      assertThat(keyId(vertx, patched)).isEqualTo("k2");
      assertThat(keyId(vertx, untouched.getString("id"))).isEqualTo("k1");
      assertThat(token(rotating, patched)).isEqualTo(token);
    } finally {
      rotating.stop();
    }

    TestStack rotated = node(new JsonObject().put(ConfigKey.TOKEN_KEY.key(), NEW_KEY).put(ConfigKey.TOKEN_KEY_ID.key(), "k2"));
    try {
      assertThat(token(rotated, patched)).isEqualTo(token);
      assertThatThrownBy(() -> token(rotated, untouched.getString("id"))).as("a token only the dropped key can read")
        .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureCode()).isEqualTo(503));
    } finally {
      rotated.stop();
    }
  }
}
