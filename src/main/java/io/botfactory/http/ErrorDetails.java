package io.botfactory.http;

import io.botfactory.bus.Failure;

/** The fixed {@code detail} texts of the HTTP layer's own errors, in one place. */
final class ErrorDetails {

  static final String NOT_FOUND = "Not Found";
  static final String METHOD_NOT_ALLOWED = "Method Not Allowed";
  static final String UNSUPPORTED_MEDIA_TYPE = "Unsupported Media Type";
  static final String REQUEST_TIMEOUT = "Request body not received in time";
  static final String NOT_AUTHENTICATED = "Not authenticated";
  static final String BAD_CREDENTIALS = Failure.CLIENT_GONE;
  static final String UNAVAILABLE = Failure.UNAVAILABLE_DETAIL;
  static final String TOO_MANY_LOGINS = "Too many failed login attempts; try again later";
  static final String TOO_MANY_SIGN_UPS = "Too many sign-ups from this address; try again later";
  static final String TOO_MANY_WEBHOOK_VIEWS = "Too many webhook views for this account (each asks Telegram); try again later";

  private ErrorDetails() {
  }

  static String tooLarge(int limit) {
    return "Request body too large (limit " + limit + " bytes)";
  }
}
