package io.botfactory.bus;

/** {@code auth.register}: the fields of a sign-up, already validated by the router, and {@code source}, the caller's address. */
public record RegisterRequest(String email, String password, String fullName, String source) implements BusMessage {

  @Override
  public String toString() {
    return "RegisterRequest[email=" + email + ", source=" + source + "]";
  }
}
