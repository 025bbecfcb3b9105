package io.botfactory.auth;

import java.text.Normalizer;

/**
 * The one canonical form of an email: NFKC (full-width letters, ligatures, the Kelvin sign and
 * the like become their plain forms), then every character lower-cased by Unicode's simple
 * mapping ({@code İ} becomes {@code i}), which is what PostgreSQL's {@code lower()} does under a
 * UTF-8 locale. The auth service computes it once per request and uses it for sign-up
 * uniqueness (the unique {@code clients.email_canonical}), the login lookup and the throttle
 * key, so that no two spellings of an address are two accounts or two throttle counters.
 * Addresses in different scripts that merely look alike (Cyrillic {@code а} and Latin
 * {@code a}) stay different: they are different mailboxes.
 */
final class EmailAddress {

  private EmailAddress() {
  }

  static String canonical(String email) {
    String normalized = Normalizer.normalize(email.strip(), Normalizer.Form.NFKC);
    StringBuilder lower = new StringBuilder(normalized.length());
    normalized.codePoints().map(Character::toLowerCase).forEach(lower::appendCodePoint);
    return lower.toString();
  }
}
