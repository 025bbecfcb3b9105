package io.botfactory.auth;

import io.botfactory.support.Sql;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canonical email: the service's computation, and PostgreSQL's {@code lower(normalize(email,
 * NFKC))}, which the V4 migration used for the accounts that existed, give the same text, also
 * for the letters where lower-casings differ.
 */
@ExtendWith(VertxExtension.class)
class EmailAddressTest {

  private static final List<String> TRICKY = List.of(
    "Victim@X.io",
    "v\u0130ctim@x.io",             // capital I with dot above
    "\uFF56\uFF49ctim@x.io",        // full-width letters
    "\u212Aelvin@x.io",             // Kelvin sign
    "\u0130\u0049\u0131@x.io",      // İ, I and dotless ı
    "\u03A3\u039F\u03A3@x.io",      // capital sigma, also at the end of a word
    "Stra\u00DFe@X.de",             // sharp s, which a lower-casing leaves alone
    "\uFB01le@x.io",                // the fi ligature
    "Ae\u0301@x.io",                // e + combining acute, composed by NFKC
    "\u0410\u0434\u0430@x.io",      // Cyrillic
    "x@\u2460.io");                 // circled one

  @Test
  void theServiceAndTheMigrationAgree(Vertx vertx) {
    TestStack.shared();
    try (Sql sql = new Sql(vertx)) {
      for (String email : TRICKY) {
        String database = sql.query("SELECT lower(normalize($1, NFKC)) AS c", email).iterator().next().getString("c");
        assertThat(EmailAddress.canonical(email)).as(email).isEqualTo(database);
      }
    }
  }

  @Test
  void lookAlikesMeetAndDifferentScriptsDoNot() {
    assertThat(EmailAddress.canonical(" v\u0130ctim@X.IO ")).isEqualTo("victim@x.io");
    assertThat(EmailAddress.canonical("\uFF56\uFF49\uFF43\uFF54\uFF49\uFF4D@x.io")).isEqualTo("victim@x.io");
    assertThat(EmailAddress.canonical("v\u0456ctim@x.io")).isNotEqualTo("victim@x.io");
  }
}
