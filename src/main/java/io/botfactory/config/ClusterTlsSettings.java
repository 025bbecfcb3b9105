package io.botfactory.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import static io.botfactory.config.ConfigKey.CLUSTER;
import static io.botfactory.config.ConfigKey.CLUSTER_TLS;
import static io.botfactory.config.ConfigKey.CLUSTER_TLS_CA;
import static io.botfactory.config.ConfigKey.CLUSTER_TLS_CERT;
import static io.botfactory.config.ConfigKey.CLUSTER_TLS_KEY;

/**
 * TLS of the clustered event bus (docs/deploy.md): on by default, every node connection is
 * mutually authenticated, each node proving a certificate signed by the cluster's own CA.
 * {@code ca}, {@code cert} and {@code key} are each a PEM file path, or the PEM text itself
 * (a secret passed as an environment variable). {@code ca} may hold several certificates (a CA
 * rotation). Off ({@code enabled} false) only on a network where nothing else can reach the
 * nodes' cluster ports.
 */
public record ClusterTlsSettings(boolean enabled, String ca, String cert, String key) {

  private static final String PEM = "-----BEGIN ";

  /** The PEM texts themselves, read from their files where paths were given. */
  public record Material(String ca, String cert, String key) {
    @Override
    public String toString() {
      return "Material[...]";
    }
  }

  static ClusterTlsSettings read(ConfigReader r) {
    return new ClusterTlsSettings(r.bool(CLUSTER_TLS), r.text(CLUSTER_TLS_CA), r.text(CLUSTER_TLS_CERT),
      r.text(CLUSTER_TLS_KEY));
  }

  /** The PEM texts; each problem is a one-line {@link ConfigException} naming the key, never quoting a secret. */
  public Material material() {
    if (ca.isEmpty() || cert.isEmpty() || key.isEmpty()) {
      throw new ConfigException(CLUSTER_TLS_CA + ", " + CLUSTER_TLS_CERT + " and " + CLUSTER_TLS_KEY + " are required when "
        + CLUSTER + " is true: only nodes with a certificate of the cluster's CA may join its event bus (docs/deploy.md"
        + " shows how to make them); " + CLUSTER_TLS + "=false turns this off, on a private network only");
    }
    return new Material(pem(CLUSTER_TLS_CA, ca), pem(CLUSTER_TLS_CERT, cert), pem(CLUSTER_TLS_KEY, key));
  }

  /**
   * Reads and checks the material as far as a wrong file can be told at start: certificates that
   * parse, a node certificate signed by the CA and valid today, a private key.
   */
  void check() {
    Material material = material();
    List<X509Certificate> authorities = certificates(CLUSTER_TLS_CA, material.ca());
    X509Certificate node = certificates(CLUSTER_TLS_CERT, material.cert()).get(0);
    if (authorities.stream().noneMatch(authority -> signs(authority, node))) {
      throw new ConfigException(CLUSTER_TLS_CERT + " is not signed by " + CLUSTER_TLS_CA
        + ": the other nodes would refuse this one");
    }
    try {
      node.checkValidity();
    } catch (CertificateException e) {
      throw new ConfigException(CLUSTER_TLS_CERT + " is not valid today (valid " + node.getNotBefore() + " to "
        + node.getNotAfter() + ")");
    }
    if (!material.key().contains("PRIVATE KEY-----")) {
      throw new ConfigException(CLUSTER_TLS_KEY + " holds no PEM private key");
    }
  }

  private static String pem(ConfigKey setting, String value) {
    if (value.startsWith(PEM)) {
      // An env file cannot hold line breaks: "\n" written out stands for one there.
      return value.contains("\n") ? value : value.replace("\\n", "\n");
    }
    try {
      String text = Files.readString(Path.of(value), StandardCharsets.US_ASCII);
      if (!text.contains(PEM)) {
        throw new ConfigException(setting + ": " + value + " is not a PEM file");
      }
      return text;
    } catch (IOException | InvalidPathException e) {
      throw new ConfigException(setting + ": cannot read " + value + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static List<X509Certificate> certificates(ConfigKey setting, String pem) {
    try {
      List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).stream()
        .map(c -> (X509Certificate) c).toList();
      if (certificates.isEmpty()) {
        throw new ConfigException(setting + " holds no certificate");
      }
      return certificates;
    } catch (CertificateException e) {
      throw new ConfigException(setting + " holds no readable PEM certificate");
    }
  }

  private static boolean signs(X509Certificate authority, X509Certificate node) {
    try {
      node.verify(authority.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "ClusterTlsSettings[enabled=" + enabled + "]";
  }
}
