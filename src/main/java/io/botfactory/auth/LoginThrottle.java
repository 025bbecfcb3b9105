package io.botfactory.auth;

import io.vertx.core.Future;

/**
 * Login throttling, per email and per source address, counting failed logins as the contract
 * says. The counters must agree across every auth node, so an implementation keeps them in a
 * shared store (see {@link PgLoginThrottle}).
 */
public interface LoginThrottle {

  /**
   * Before the password is checked: fails with {@link io.botfactory.bus.Failure#THROTTLED}
   * (message: seconds to wait) when the email or the source has reached its limit of failures
   * within the window. Completes with whether the email has failures on record at all, so that
   * a success only writes when there is something to forget.
   */
  Future<Boolean> check(String email, String source);

  /** A login failed: one more failure for the email and for the source. */
  Future<Void> failed(String email, String source);

  /** A login succeeded: the email's failures are forgotten (the source's are not). */
  Future<Void> succeeded(String email);

  /** Forgets windows that have passed. */
  Future<Void> purgeExpired();
}
