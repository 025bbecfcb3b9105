package io.botfactory.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every message is written once, as a record both sides use: its JSON keys are its components in
 * snake_case, what the sender writes the service reads back unchanged (also after the text a
 * cluster sends), and a body of another shape is refused as INVALID, never converted.
 */
class BusMessagesTest {

  private static final List<Class<?>> OTHER_MESSAGES = List.of(BotEvent.class, AccessToken.class, BotToken.class,
    UpdateStored.class,
    BotChanges.class, IncomingUpdate.class, ApiKeyOwner.class);

  @Test
  void everyRequestRoundTripsThroughItsAddress() {
    for (Address<?> address : BusMessages.addresses()) {
      BusMessage sample = (BusMessage) BusMessages.sample(address.type());
      JsonObject json = sample.toJson();
      assertThat(json.fieldNames()).as(address.name()).containsExactlyInAnyOrderElementsOf(BusMessages.keys(address.type()));
      assertThat(address.decode(json.copy())).as(address.name()).isEqualTo(sample);
      assertThat(address.decode(new JsonObject(json.encode()))).as(address.name() + " as text").isEqualTo(sample);
    }
  }

  @Test
  void repliesAndEventsRoundTripToo() {
    for (Class<?> type : OTHER_MESSAGES) {
      Object sample = BusMessages.sample(type);
      JsonObject json = BusJson.toJson(sample);
      assertThat(json.fieldNames()).as(type.getSimpleName()).containsExactlyInAnyOrderElementsOf(BusMessages.keys(type));
      assertThat(BusJson.fromJson(json.copy(), type)).as(type.getSimpleName()).isEqualTo(sample);
      assertThat(BusJson.decode(BusJson.encode(sample), type)).as(type.getSimpleName() + " as text").isEqualTo(sample);
    }
  }

  @Test
  void aBodyOfTheWrongShapeIsInvalidNotACrash() {
    assertThat(catching(() -> Addresses.AUTH_LOGIN.decode(null))).isEqualTo(Failure.INVALID);
    assertThat(catching(() -> Addresses.AUTH_LOGIN.decode("{}"))).isEqualTo(Failure.INVALID);
    invalid(Addresses.BOTS_LIST, json -> json.put("limit", "ten"), "limit");
    invalid(Addresses.BOTS_LIST, json -> json.put("limit", 10.5), "limit");
    invalid(Addresses.BOTS_LIST, json -> json.put("limit", 5_000_000_000L), "limit");
    invalid(Addresses.BOTS_LIST, json -> json.putNull("limit"), "limit");
    invalid(Addresses.BOTS_LIST, json -> json.remove("limit"), "limit");
    invalid(Addresses.BOTS_LIST, json -> json.put("client_id", 7), "client_id");
    invalid(Addresses.BOTS_LIST, json -> json.put("client_id", true), "client_id");
    invalid(Addresses.BOTS_LIST, json -> json.put("client_id", new JsonObject()), "client_id");
    invalid(Addresses.BOTS_CHATS_LIST, json -> json.put("after", "12"), "after");
    invalid(Addresses.ENGINE_CHANGES, json -> json.putNull("version"), "version");
    invalid(Addresses.ENGINE_UPDATES, json -> json.remove("update"), "update");
    invalid(Addresses.ENGINE_UPDATES, json -> json.putNull("update"), "update");
    invalid(Addresses.ENGINE_UPDATES, json -> json.getJsonObject("update").put("text", 1), "update", "text");
    invalid(Addresses.UPDATES_STORE, json -> json.getJsonObject("update").put("update_id", "5"), "update", "update_id");
    invalid(Addresses.BOTS_COMMANDS_PUT, json -> json.put("commands", new JsonObject()), "commands");
    invalid(Addresses.BOTS_UPDATE, json -> json.remove("changes"), "changes");
    invalid(Addresses.BOTS_UPDATE, json -> json.put("changes", "all"), "changes");
    invalid(Addresses.BOTS_UPDATE, json -> json.put("changes", new JsonObject().put("is_active", "yes")), "changes", "is_active");
    invalid(Addresses.BOTS_UPDATE, json -> json.put("changes", new JsonObject().put("name", 7)), "changes", "name");
  }

  @Test
  void theFailureNamesTheKeyNeverTheValue() {
    JsonObject body = BusJson.toJson(BusMessages.sample(CreateBotRequest.class))
      .put("token", new JsonArray().add("1:secret-part"));
    assertThatThrownBy(() -> Addresses.BOTS_CREATE.decode(body))
      .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(new JsonArray(e.getMessage()).getJsonObject(0)
        .getJsonArray("loc")).isEqualTo(new JsonArray().add("body").add("token")))
      .hasMessageNotContaining("secret-part");
  }

  /** A worker that knows a newer contract may send a key this node does not know yet (a rolling upgrade). */
  @Test
  void anUnknownKeyIsPassedOver() {
    BotTake sample = new BotTake("the-bot");
    assertThat(Addresses.ENGINE_TAKE.decode(sample.toJson().put("priority", 3))).isEqualTo(sample);
  }

  /** The one message whose JSON tells an absent key (keep) from a null (clear). */
  @Test
  void botChangesKeepAnAbsentKeyAndANullApart() {
    BotChanges none = new BotChanges(null, null, null, null);
    BotChanges clear = new BotChanges(null, Optional.empty(), null, null);
    BotChanges set = new BotChanges("n", Optional.of("d"), false, "1:t");
    assertThat(BusJson.toJson(none)).isEqualTo(new JsonObject());
    assertThat(BusJson.toJson(clear)).isEqualTo(new JsonObject().putNull("description"));
    assertThat(BusJson.toJson(set)).isEqualTo(new JsonObject().put("name", "n").put("description", "d")
      .put("is_active", false).put("token", "1:t"));
    for (BotChanges changes : List.of(none, clear, set)) {
      assertThat(BusJson.fromJson(BusJson.toJson(changes), BotChanges.class)).isEqualTo(changes);
      UpdateBotRequest request = new UpdateBotRequest("c", "b", changes);
      assertThat(Addresses.BOTS_UPDATE.decode(new JsonObject(request.toJson().encode()))).isEqualTo(request);
    }
  }

  @Test
  void secretsStayOutOfToString() {
    assertThat(new LoginRequest("a@b.io", "hunter2-password", "127.0.0.1").toString()).doesNotContain("hunter2");
    assertThat(new RegisterRequest("a@b.io", "hunter2-password", null, "192.0.2.1").toString()).doesNotContain("hunter2");
    assertThat(new BotToken("id", 1, "1:secret-part").toString()).doesNotContain("secret-part");
    assertThat(new CreateBotRequest("c", "n", null, "1:secret-part").toString()).doesNotContain("secret-part");
    assertThat(new BotChanges(null, null, null, "1:secret-part").toString()).doesNotContain("secret-part");
    assertThat(new AccessToken("jwt.secret.part", "bearer", 60).toString()).doesNotContain("secret");
    String hash = "ab".repeat(32);
    assertThat(new CreateApiKeyRequest("c", "n", hash).toString()).doesNotContain(hash);
    assertThat(new VerifyApiKeyRequest(hash).toString()).doesNotContain(hash);
  }

  /** A sample of what {@code address} takes, changed by {@code change}, is INVALID naming the key at {@code loc}. */
  private static void invalid(Address<?> address, Consumer<JsonObject> change, String... loc) {
    JsonObject body = BusJson.toJson(BusMessages.sample(address.type()));
    change.accept(body);
    JsonArray expected = new JsonArray().add("body");
    List.of(loc).forEach(expected::add);
    assertThatThrownBy(() -> address.decode(body)).as(address.name() + " " + body.encode())
      .isInstanceOfSatisfying(ReplyException.class, e -> {
        assertThat(Failure.of(e)).isEqualTo(Failure.INVALID);
        assertThat(new JsonArray(e.getMessage()).getJsonObject(0).getJsonArray("loc")).isEqualTo(expected);
      });
  }

  private static Failure catching(Runnable action) {
    try {
      action.run();
      return null;
    } catch (RuntimeException e) {
      return Failure.of(e);
    }
  }
}
