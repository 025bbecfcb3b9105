package io.botfactory.webhook;

import org.junit.jupiter.api.RepeatedTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The wait after a passing failure doubles from 1 s, half of it random, up to the configured cap and never past it. */
class BackoffTest {

  @RepeatedTest(20)
  void theWaitDoublesUpToItsCap() {
    assertThat(Backoff.seconds(0, 300)).isEqualTo(1);
    assertThat(Backoff.seconds(3, 300)).isBetween(4L, 8L);
    assertThat(Backoff.seconds(8, 300)).isBetween(128L, 256L);
    assertThat(Backoff.seconds(9, 300)).isBetween(150L, 300L);
    assertThat(Backoff.seconds(40, 300)).isBetween(150L, 300L);
    assertThat(Backoff.seconds(40, 2)).isBetween(1L, 2L);
    assertThat(Backoff.seconds(1, 1)).isEqualTo(1);
  }
}
