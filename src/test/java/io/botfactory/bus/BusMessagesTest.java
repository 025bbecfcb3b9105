package io.botfactory.bus;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message is written once, as a record both sides use: its JSON keys are its components in
 * snake_case, and what the sender writes the service reads back unchanged.
 */
class BusMessagesTest {

  private static final List<Class<?>> OTHER_MESSAGES = List.of(BotEvent.class, AccessToken.class, BotToken.class,
    UpdateStored.class,
    BotChanges.class, ApiKeyOwner.class);

  @Test
  void everyRequestRoundTripsThroughItsAddress() {
    for (Address<?> address : BusMessages.addresses()) {
      BusMessage sample = (BusMessage) BusMessages.sample(address.type());
      JsonObject json = sample.toJson();
      assertThat(json.fieldNames()).as(address.name()).containsExactlyInAnyOrderElementsOf(BusMessages.keys(address.type()));
      assertThat(address.decode(json.copy())).as(address.name()).isEqualTo(sample);
    }
  }

  @Test
  void repliesAndEventsRoundTripToo() throws ReflectiveOperationException {
    for (Class<?> type : OTHER_MESSAGES) {
      Object sample = BusMessages.sample(type);
      JsonObject json = (JsonObject) type.getMethod("toJson").invoke(sample);
      assertThat(json.fieldNames()).as(type.getSimpleName()).containsExactlyInAnyOrderElementsOf(BusMessages.keys(type));
      Method fromJson = type.getMethod("fromJson", JsonObject.class);
      assertThat(fromJson.invoke(null, json.copy())).as(type.getSimpleName()).isEqualTo(sample);
    }
  }

  @Test
  void aBodyOfTheWrongShapeIsInvalidNotACrash() {
    assertThat(catching(() -> Addresses.BOTS_LIST.decode(new JsonObject().put("limit", "ten"))))
      .isEqualTo(Failure.INVALID);
    assertThat(catching(() -> Addresses.AUTH_LOGIN.decode(null))).isEqualTo(Failure.INVALID);
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

  private static Failure catching(Runnable action) {
    try {
      action.run();
      return null;
    } catch (RuntimeException e) {
      return Failure.of(e);
    }
  }
}
