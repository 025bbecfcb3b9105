package io.botfactory.bus;

/** {@code auth.login}: the OAuth2 password-flow fields, and {@code source}, the caller's address. */
public record LoginRequest(String email, String password, String source) implements BusMessage {

  @Override
  public String toString() {
    return "LoginRequest[email=" + email + ", source=" + source + "]";
  }
}
