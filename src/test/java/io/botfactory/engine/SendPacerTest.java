package io.botfactory.engine;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Telegram's limits as the pacer keeps them: a group gets at most twenty messages in its window
 * (a minute; two seconds here), a private chat one a second after Telegram's answer; a 429 for
 * one chat holds that chat only, but 429s for three chats within a second hold the whole bot;
 * a slot that would come after the message's deadline is refused at once.
 */
@ExtendWith(VertxExtension.class)
class SendPacerTest {

  private static final long FAR = Long.MAX_VALUE / 2;

  @Test
  void aGroupGetsTwentyMessagesAWindowAndTheTwentyFirstWaitsForIt(Vertx vertx) {
    SendPacer pacer = onLoop(vertx, () -> new SendPacer(vertx, 1000, 1000, 1000, 2000));
    long start = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      slot(vertx, pacer, -100L, true);
    }
    assertThat(elapsedMs(start)).as("twenty at once").isLessThan(1000);
    slot(vertx, pacer, -100L, true);
    assertThat(elapsedMs(start)).as("the twenty-first, a window later").isGreaterThanOrEqualTo(1900);
  }

  @Test
  void aChatsRetryAfterHoldsThatChatButThreeChatsHoldTheBot(Vertx vertx) {
    SendPacer pacer = onLoop(vertx, () -> new SendPacer(vertx, 1000, 0, 1000));
    onLoop(vertx, () -> {
      pacer.limited(1, 2);
      return null;
    });
    long start = System.nanoTime();
    slot(vertx, pacer, 2, false);
    assertThat(elapsedMs(start)).as("another chat goes on").isLessThan(500);
    onLoop(vertx, () -> {
      pacer.limited(3, 2);
      pacer.limited(4, 2);
      return null;
    });
    slot(vertx, pacer, 5, false);
    assertThat(elapsedMs(start)).as("three chats limited at once: the bot waits").isGreaterThanOrEqualTo(1900);
  }

  @Test
  void aSlotAfterTheDeadlineIsRefusedAtOnce(Vertx vertx) {
    SendPacer pacer = onLoop(vertx, () -> new SendPacer(vertx, 1000, 0, 1000));
    onLoop(vertx, () -> {
      pacer.limited(1, 60);
      return null;
    });
    Boolean inTime = onLoop(vertx, () -> pacer.slot(1, false, System.nanoTime() + 1_000_000_000L)).await();
    assertThat(inTime).isFalse();
    assertThat(onLoop(vertx, () -> pacer.slot(2, false, System.nanoTime() + 1_000_000_000L)).await()).isTrue();
  }

  private static void slot(Vertx vertx, SendPacer pacer, long chat, boolean group) {
    assertThat(onLoop(vertx, () -> pacer.slot(chat, group, System.nanoTime() + FAR)).await()).isTrue();
  }

  private static long elapsedMs(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** The pacer is used on one event loop: so is it here. */
  private static <T> T onLoop(Vertx vertx, java.util.concurrent.Callable<T> action) {
    io.vertx.core.Context context = CONTEXT.computeIfAbsent(vertx, v -> v.getOrCreateContext());
    return Future.<T>future(p -> context.runOnContext(v -> {
      try {
        p.complete(action.call());
      } catch (Exception e) {
        p.fail(e);
      }
    })).await();
  }

  private static final java.util.Map<Vertx, io.vertx.core.Context> CONTEXT = new java.util.concurrent.ConcurrentHashMap<>();
}
