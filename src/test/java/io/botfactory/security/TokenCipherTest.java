package io.botfactory.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every sealed value that cannot be opened fails the same way ({@link IllegalStateException}),
 * which is what the readers of stored secrets catch: a damaged row must cost that row, never the
 * batch it was read with.
 */
class TokenCipherTest {

  private static final byte[] KEY = new byte[32];
  private static final byte[] OLD = new byte[32];

  static {
    Arrays.fill(KEY, (byte) 7);
    Arrays.fill(OLD, (byte) 9);
  }

  @Test
  void opensWhatItSealedForTheSameOwnerWithTheCurrentOrAnOldKey() {
    UUID owner = UUID.randomUUID();
    TokenCipher old = new TokenCipher(OLD, "k0");
    TokenCipher current = new TokenCipher(KEY, "k1", Map.of("k0", OLD));

    assertThat(current.decrypt(owner, "k1", current.encrypt(owner, "123:secret"))).isEqualTo("123:secret");
    assertThat(current.decrypt(owner, "k0", old.encrypt(owner, "123:older"))).isEqualTo("123:older");
  }

  @Test
  void refusesAnotherOwnersValueAnUnknownKeyAlteredAndDamagedData() {
    UUID owner = UUID.randomUUID();
    TokenCipher cipher = new TokenCipher(KEY, "k1");
    byte[] sealed = cipher.encrypt(owner, "123:secret");
    byte[] altered = sealed.clone();
    altered[altered.length - 1] ^= 1;

    assertThatThrownBy(() -> cipher.decrypt(UUID.randomUUID(), "k1", sealed)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> cipher.decrypt(owner, "k9", sealed)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> cipher.decrypt(owner, "k1", altered)).isInstanceOf(IllegalStateException.class);
    for (int length : new int[]{0, 1, 11, 12, 27}) {
      assertThatThrownBy(() -> cipher.decrypt(owner, "k1", Arrays.copyOf(sealed, length)))
        .as("%d bytes", length).isInstanceOf(IllegalStateException.class);
    }
  }
}
