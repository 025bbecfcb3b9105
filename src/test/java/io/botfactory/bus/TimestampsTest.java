package io.botfactory.bus;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-assembled form agrees with java.time's own three-digit instant form, everywhere. */
class TimestampsTest {

  private static final java.time.format.DateTimeFormatter REFERENCE = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  @Test
  void agreesWithJavaTimeOnRandomInstantsAndOffsets() {
    Random random = new Random(42);
    for (int i = 0; i < 200_000; i++) {
      long second = random.nextLong(-62_000_000_000L, 253_402_300_799L); // year 5 to 9999
      int nano = random.nextInt(1_000_000_000);
      ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 3600, 18 * 3600 + 1));
      OffsetDateTime time = OffsetDateTime.ofInstant(Instant.ofEpochSecond(second, nano), offset);
      assertThat(Timestamps.format(time)).as("%s", time).isEqualTo(REFERENCE.format(time.toInstant()));
    }
  }

  @Test
  void theContractsExampleAndEdges() {
    assertThat(Timestamps.format(OffsetDateTime.parse("2026-11-24T15:51:05.123999+01:00"))).isEqualTo("2026-11-24T14:51:05.123Z");
    assertThat(Timestamps.format(OffsetDateTime.parse("2000-01-01T00:00:00Z"))).isEqualTo("2000-01-01T00:00:00.000Z");
    assertThat(Timestamps.format(OffsetDateTime.parse("9999-12-31T23:59:59.999Z"))).isEqualTo("9999-12-31T23:59:59.999Z");
  }
}
