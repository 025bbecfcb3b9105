package io.botfactory.deliveries;

/**
 * What one attempt of a delivery came to: {@code delivered} (a 2xx in time), the HTTP status it
 * got (null: none), why it failed (null when delivered), and whether the endpoint was tried at
 * all ({@code tried} false: it was disabled, nothing was sent; such an attempt says nothing of the
 * endpoint's health).
 */
record Attempt(boolean delivered, Integer statusCode, String error, boolean tried) {

  /** The longest error kept in the log (the column's limit). */
  static final int MAX_ERROR = 500;

  static Attempt answered(int statusCode) {
    boolean ok = statusCode >= 200 && statusCode < 300;
    String error = ok ? null : statusCode >= 300 && statusCode < 400
      ? "answered " + statusCode + ": a redirect, never followed" : "answered " + statusCode;
    return new Attempt(ok, statusCode, error, true);
  }

  static Attempt failed(String error) {
    return new Attempt(false, null, error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error, true);
  }

  static Attempt notTried(String error) {
    return new Attempt(false, null, error, false);
  }
}
