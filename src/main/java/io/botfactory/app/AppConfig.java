package io.botfactory.app;

import io.vertx.core.json.JsonObject;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The one typed view of the configuration. Every key is named here; their defaults are in
 * {@code conf/config.json} (also bundled in the jar), and README.md has the table of them.
 * Built from the merged JSON that {@link ConfigLoader} produces; every problem is a
 * {@link ConfigException} with a one-line reason.
 */
public record AppConfig(
  Http http,
  Db db,
  Jwt jwt,
  TokenKey tokenKey,
  Argon2 argon2,
  Login login,
  Cluster cluster,
  long busTimeoutMs,
  long hashTimeoutMs,
  int eventLoops,
  Set<Role> roles,
  Path dataDir) {

  public static final String HTTP_HOST = "BOTFACTORY_HTTP_HOST";
  public static final String HTTP_PORT = "BOTFACTORY_HTTP_PORT";
  public static final String HTTP_INSTANCES = "BOTFACTORY_HTTP_INSTANCES";
  public static final String HTTP_TRUST_FORWARDED = "BOTFACTORY_HTTP_TRUST_FORWARDED";
  public static final String ACCESS_LOG = "BOTFACTORY_ACCESS_LOG";
  public static final String CORS_ORIGINS = "BOTFACTORY_CORS_ORIGINS";
  public static final String EVENT_LOOPS = "BOTFACTORY_EVENT_LOOPS";
  public static final String DATABASE_URL = "DATABASE_URL";
  public static final String DATA_DIR = "BOTFACTORY_DATA_DIR";
  public static final String DB_POOL_SIZE = "BOTFACTORY_DB_POOL_SIZE";
  public static final String DB_MAX_WAIT_QUEUE = "BOTFACTORY_DB_MAX_WAIT_QUEUE";
  public static final String DB_CONNECT_TIMEOUT_MS = "BOTFACTORY_DB_CONNECT_TIMEOUT_MS";
  public static final String DB_IDLE_TIMEOUT_S = "BOTFACTORY_DB_IDLE_TIMEOUT_S";
  public static final String DB_MAX_LIFETIME_S = "BOTFACTORY_DB_MAX_LIFETIME_S";
  public static final String DB_PREPARED_CACHE_SIZE = "BOTFACTORY_DB_PREPARED_CACHE_SIZE";
  public static final String DB_PIPELINING_LIMIT = "BOTFACTORY_DB_PIPELINING_LIMIT";
  public static final String JWT_SECRET = "BOTFACTORY_JWT_SECRET";
  public static final String JWT_ALGORITHM = "BOTFACTORY_JWT_ALGORITHM";
  public static final String JWT_ISSUER = "BOTFACTORY_JWT_ISSUER";
  public static final String JWT_AUDIENCE = "BOTFACTORY_JWT_AUDIENCE";
  public static final String JWT_TTL_S = "BOTFACTORY_JWT_TTL_S";
  public static final String JWT_LEEWAY_S = "BOTFACTORY_JWT_LEEWAY_S";
  public static final String TOKEN_KEY = "BOTFACTORY_TOKEN_KEY";
  public static final String TOKEN_KEY_ID = "BOTFACTORY_TOKEN_KEY_ID";
  public static final String ARGON2_MEMORY_KIB = "BOTFACTORY_ARGON2_MEMORY_KIB";
  public static final String ARGON2_ITERATIONS = "BOTFACTORY_ARGON2_ITERATIONS";
  public static final String ARGON2_PARALLELISM = "BOTFACTORY_ARGON2_PARALLELISM";
  public static final String ARGON2_THREADS = "BOTFACTORY_ARGON2_THREADS";
  public static final String ARGON2_MAX_QUEUE = "BOTFACTORY_ARGON2_MAX_QUEUE";
  public static final String LOGIN_MAX_FAILURES_PER_EMAIL = "BOTFACTORY_LOGIN_MAX_FAILURES_PER_EMAIL";
  public static final String LOGIN_MAX_FAILURES_PER_SOURCE = "BOTFACTORY_LOGIN_MAX_FAILURES_PER_SOURCE";
  public static final String LOGIN_WINDOW_S = "BOTFACTORY_LOGIN_WINDOW_S";
  public static final String CLUSTER = "BOTFACTORY_CLUSTER";
  public static final String CLUSTER_HOST = "BOTFACTORY_CLUSTER_HOST";
  public static final String CLUSTER_PORT = "BOTFACTORY_CLUSTER_PORT";
  public static final String CLUSTER_MEMBERS = "BOTFACTORY_CLUSTER_MEMBERS";
  public static final String CLUSTER_DNS = "BOTFACTORY_CLUSTER_DNS";
  public static final String EVENTBUS_PORT = "BOTFACTORY_EVENTBUS_PORT";
  public static final String BUS_TIMEOUT_MS = "BOTFACTORY_BUS_TIMEOUT_MS";
  public static final String HASH_TIMEOUT_MS = "BOTFACTORY_HASH_TIMEOUT_MS";
  public static final String ROLES = "BOTFACTORY_ROLES";


  /** Every key, in the order of README.md's table. */
  public static final List<String> KEYS = List.of(
    HTTP_HOST,
    HTTP_PORT,
    HTTP_INSTANCES,
    HTTP_TRUST_FORWARDED,
    ACCESS_LOG,
    CORS_ORIGINS,
    EVENT_LOOPS,
    DATABASE_URL,
    DATA_DIR,
    DB_POOL_SIZE,
    DB_MAX_WAIT_QUEUE,
    DB_CONNECT_TIMEOUT_MS,
    DB_IDLE_TIMEOUT_S,
    DB_MAX_LIFETIME_S,
    DB_PREPARED_CACHE_SIZE,
    DB_PIPELINING_LIMIT,
    JWT_SECRET,
    JWT_ALGORITHM,
    JWT_ISSUER,
    JWT_AUDIENCE,
    JWT_TTL_S,
    JWT_LEEWAY_S,
    TOKEN_KEY,
    TOKEN_KEY_ID,
    ARGON2_MEMORY_KIB,
    ARGON2_ITERATIONS,
    ARGON2_PARALLELISM,
    ARGON2_THREADS,
    ARGON2_MAX_QUEUE,
    LOGIN_MAX_FAILURES_PER_EMAIL,
    LOGIN_MAX_FAILURES_PER_SOURCE,
    LOGIN_WINDOW_S,
    CLUSTER,
    CLUSTER_HOST,
    CLUSTER_PORT,
    CLUSTER_MEMBERS,
    CLUSTER_DNS,
    EVENTBUS_PORT,
    BUS_TIMEOUT_MS,
    HASH_TIMEOUT_MS,
    ROLES);

  /** Minimum JWT secret length for HS256, per RFC 7518 §3.2. */
  public static final int MIN_JWT_SECRET_BYTES = 32;

  /** {@code trustForwarded}: take the client address from X-Forwarded-For / Forwarded (only behind a proxy that sets them). */
  public record Http(String host, int port, int instances, boolean trustForwarded, boolean accessLog, List<String> corsOrigins) {
  }

  public record Db(String url, int poolSize, int maxWaitQueue, int connectTimeoutMs, int idleTimeoutSeconds,
                   int maxLifetimeSeconds, int preparedStatementCacheSize, int pipeliningLimit) {
    public boolean configured() {
      return !url.isBlank();
    }
  }

  public record Jwt(String secret, String algorithm, String issuer, String audience, int ttlSeconds, int leewaySeconds) {
    public boolean configured() {
      return !secret.isEmpty();
    }
  }

  /** The AES-256 key for bot tokens, base64 in configuration, with the id stored beside each ciphertext. */
  public record TokenKey(String base64, String id) {
    public boolean configured() {
      return !base64.isEmpty();
    }

    public byte[] bytes() {
      return Base64.getDecoder().decode(base64);
    }
  }

  public record Argon2(int memoryKib, int iterations, int parallelism, int threads, int maxQueue) {
  }

  /** Login throttling: failures allowed per email and per source address within one window. */
  public record Login(int maxFailuresPerEmail, int maxFailuresPerSource, int windowSeconds) {
  }

  /**
   * Joining a Hazelcast cluster (docs/deploy.md). {@code host} is empty to let Hazelcast pick
   * this machine's address; {@code members} are {@code host:port} seeds (TCP/IP join) unless
   * {@code dns} names a DNS entry listing every member, such as a Kubernetes headless Service.
   */
  public record Cluster(boolean enabled, String host, int port, List<String> members, String dns, int eventBusPort) {
  }

  public static AppConfig from(JsonObject json) {
    ConfigReader r = new ConfigReader(json);
    int cores = Runtime.getRuntime().availableProcessors();
    int eventLoops = r.intAtLeast(EVENT_LOOPS, 0);
    eventLoops = eventLoops == 0 ? cores : eventLoops;
    int httpInstances = r.intAtLeast(HTTP_INSTANCES, 0);
    Http http = new Http(r.text(HTTP_HOST), r.port(HTTP_PORT), httpInstances == 0 ? eventLoops : httpInstances,
      r.bool(HTTP_TRUST_FORWARDED), r.bool(ACCESS_LOG), r.list(CORS_ORIGINS));
    Db db = new Db(
      r.text(DATABASE_URL),
      r.intAtLeast(DB_POOL_SIZE, 1),
      r.intAtLeast(DB_MAX_WAIT_QUEUE, 1),
      r.intAtLeast(DB_CONNECT_TIMEOUT_MS, 100),
      r.intAtLeast(DB_IDLE_TIMEOUT_S, 1),
      r.intAtLeast(DB_MAX_LIFETIME_S, 1),
      r.intAtLeast(DB_PREPARED_CACHE_SIZE, 1),
      r.intAtLeast(DB_PIPELINING_LIMIT, 1));
    Jwt jwt = new Jwt(
      r.text(JWT_SECRET),
      r.oneOf(JWT_ALGORITHM, "HS256", "HS384", "HS512"),
      r.nonBlank(JWT_ISSUER),
      r.nonBlank(JWT_AUDIENCE),
      r.intAtLeast(JWT_TTL_S, 60),
      r.intAtLeast(JWT_LEEWAY_S, 0));
    TokenKey tokenKey = new TokenKey(r.text(TOKEN_KEY), r.nonBlank(TOKEN_KEY_ID));
    int argonThreads = r.intAtLeast(ARGON2_THREADS, 0);
    Argon2 argon2 = new Argon2(
      r.intAtLeast(ARGON2_MEMORY_KIB, 8),
      r.intAtLeast(ARGON2_ITERATIONS, 1),
      r.intAtLeast(ARGON2_PARALLELISM, 1),
      argonThreads == 0 ? cores : argonThreads,
      r.intAtLeast(ARGON2_MAX_QUEUE, 1));
    Login login = new Login(
      r.intAtLeast(LOGIN_MAX_FAILURES_PER_EMAIL, 1),
      r.intAtLeast(LOGIN_MAX_FAILURES_PER_SOURCE, 1),
      r.intAtLeast(LOGIN_WINDOW_S, 1));
    AppConfig config = new AppConfig(http, db, jwt, tokenKey, argon2, login, cluster(r),
      r.intAtLeast(BUS_TIMEOUT_MS, 100), r.intAtLeast(HASH_TIMEOUT_MS, 100), eventLoops, Role.parse(r.text(ROLES)), Path.of(r.nonBlank(DATA_DIR)));
    ConfigChecks.cluster(config);
    ConfigChecks.databaseAndSecrets(config);
    return config;
  }

  private static Cluster cluster(ConfigReader r) {
    int port = r.port(CLUSTER_PORT);
    List<String> members = new ArrayList<>();
    for (String member : r.list(CLUSTER_MEMBERS)) {
      members.add(member(member, port));
    }
    return new Cluster(r.bool(CLUSTER), r.text(CLUSTER_HOST), port, List.copyOf(members), r.text(CLUSTER_DNS),
      r.port(EVENTBUS_PORT));
  }

  /** One {@code host:port} of the members list, the port defaulting to {@code defaultPort}. */
  private static String member(String text, int defaultPort) {
    int colon = text.lastIndexOf(':');
    if (colon < 0 || text.endsWith("]")) {
      return text + ":" + defaultPort;
    }
    String port = text.substring(colon + 1);
    try {
      int value = Integer.parseInt(port);
      if (colon > 0 && value > 0 && value <= 65535) {
        return text;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(CLUSTER_MEMBERS + " must be comma-separated host:port entries, got '" + text + "'");
  }

  /** True when this node runs a service that talks to PostgreSQL. */
  public boolean needsDatabase() {
    return roles.contains(Role.AUTH) || roles.contains(Role.STORAGE);
  }

  public boolean needsJwtSecret() {
    return roles.contains(Role.AUTH) || roles.contains(Role.HTTP);
  }

  public boolean needsTokenKey() {
    return roles.contains(Role.STORAGE);
  }


}
