package io.botfactory.http;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The caller's IP address, for the per-address throttles and the access log, worked out once
 * per request. By default it is the address of the TCP peer. With
 * {@code BOTFACTORY_HTTP_TRUST_FORWARDED}, it is the address the trusted proxy saw: the hops of
 * {@code X-Forwarded-For}, then the peer, read from the right, skipping trusted proxies; the
 * first hop that is not one is the caller. Every entry left of it was written by the caller
 * and proves nothing, so the left-most entry is never taken (unless every hop is trusted).
 * Trusted proxies are {@code BOTFACTORY_HTTP_TRUSTED_PROXIES} (addresses and CIDR ranges);
 * when none are listed, the peer alone is trusted (one proxy in front). The {@code Forwarded}
 * header is not read: a proxy sets one of the two, and the other would be the caller's to forge.
 * A hop that is not an IP address stops the walk, and the last trusted hop counts instead.
 */
final class ClientAddress implements PlatformHandler {

  private static final String KEY = "botfactory.clientAddress";
  private static final String HEADER = "X-Forwarded-For";

  private final boolean trustForwarded;
  private final List<IpSubnetFilterRule> trusted = new ArrayList<>();

  ClientAddress(boolean trustForwarded, List<String> trustedProxies) {
    this.trustForwarded = trustForwarded;
    for (String proxy : trustedProxies) {
      int slash = proxy.indexOf('/');
      String ip = slash < 0 ? proxy : proxy.substring(0, slash);
      int bits = slash < 0 ? (NetUtil.isValidIpV4Address(ip) ? 32 : 128) : Integer.parseInt(proxy.substring(slash + 1));
      trusted.add(new IpSubnetFilterRule(ip, bits, IpFilterRuleType.ACCEPT));
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    String peer = ctx.request().remoteAddress().hostAddress();
    ctx.put(KEY, trustForwarded ? forwarded(peer, ctx.request().headers().getAll(HEADER)) : peer);
    ctx.next();
  }

  static String get(RoutingContext ctx) {
    String address = ctx.get(KEY);
    return address == null ? ctx.request().remoteAddress().hostAddress() : address;
  }

  private String forwarded(String peer, List<String> headers) {
    List<String> hops = new ArrayList<>();
    for (String header : headers) {
      for (String hop : header.split(",")) {
        hops.add(hop.strip());
      }
    }
    hops.add(peer);
    String lastTrusted = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      InetAddress hop = address(hops.get(i));
      if (hop == null) {
        return lastTrusted;
      }
      boolean isPeer = i == hops.size() - 1;
      if (!(trusted.isEmpty() ? isPeer : isTrusted(hop))) {
        return hop.getHostAddress();
      }
      lastTrusted = hop.getHostAddress();
    }
    return lastTrusted;
  }

  private boolean isTrusted(InetAddress address) {
    InetSocketAddress socket = new InetSocketAddress(address, 0);
    return trusted.stream().anyMatch(rule -> rule.matches(socket));
  }

  /** An IP literal, also as {@code [v6]:port} or {@code v4:port} as some proxies write them; null for anything else. */
  static InetAddress address(String text) {
    String ip = text;
    if (ip.startsWith("[") && ip.indexOf(']') > 0) {
      ip = ip.substring(1, ip.indexOf(']'));
    } else if (ip.indexOf(':') > 0 && ip.indexOf(':') == ip.lastIndexOf(':')) {
      ip = ip.substring(0, ip.indexOf(':'));
    }
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(ip);
    try {
      return bytes == null ? null : InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
