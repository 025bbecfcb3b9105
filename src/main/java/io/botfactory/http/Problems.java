package io.botfactory.http;

import io.botfactory.bus.Failure;

/** The fixed {@code detail} messages of the HTTP layer, in one place. */
final class Problems {

  static final String NOT_FOUND = "Not Found";
  static final String METHOD_NOT_ALLOWED = "Method Not Allowed";
  static final String TOO_LARGE = "Request body too large (limit 65536 bytes)";
  static final String UNSUPPORTED_MEDIA_TYPE = "Unsupported Media Type";
  static final String NOT_AUTHENTICATED = "Not authenticated";
  static final String BAD_CREDENTIALS = Failure.CLIENT_GONE;
  static final String UNAVAILABLE = Failure.UNAVAILABLE_DETAIL;

  private Problems() {
  }
}
