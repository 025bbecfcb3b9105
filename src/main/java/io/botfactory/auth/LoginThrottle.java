package io.botfactory.auth;

import io.vertx.core.Future;

/**
 * Login throttling, per email and per source address. The counters must agree across every
 * auth node, so an implementation keeps them in a shared store (see {@link PgLoginThrottle}).
 */
public interface LoginThrottle {

  /**
   * Counts a login attempt before the password is checked, so that concurrent attempts cannot
   * slip past the limit together. Fails with {@link io.botfactory.bus.Failure#THROTTLED}
   * (message: seconds to wait) when the email or the source is over its limit.
   */
  Future<Void> attempt(String email, String source);

  /** A login succeeded: the email's count starts over, and the source is not charged for it. */
  Future<Void> succeeded(String email, String source);

  /** Forgets windows that have passed. */
  Future<Void> purgeExpired();
}
