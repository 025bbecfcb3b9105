package io.botfactory.bus;

/** The reply of {@code auth.login}, which is also the body of {@code POST /auth/token}'s 200. */
public record AccessToken(String accessToken, String tokenType, int expiresIn) implements BusMessage {

  public static AccessToken bearer(String jwt, int expiresIn) {
    return new AccessToken(jwt, "bearer", expiresIn);
  }

  @Override
  public String toString() {
    return "AccessToken[expiresIn=" + expiresIn + "]";
  }
}
