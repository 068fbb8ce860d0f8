package org.pbft.config;

import java.net.InetSocketAddress;

/** "host:port" as written in cluster.properties; an IPv6 host is bracketed: "[::1]:7000". */
final class HostPort {
  private HostPort() {}

  static InetSocketAddress parse(PropertiesFile file, String key) throws ConfigException {
    String value = file.string(key);
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw ConfigException.entry(file.file(), key, "is not host:port: '" + value + "'");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw ConfigException.entry(
          file.file(), key, "has an IPv6 host without brackets: '" + value + "'");
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw ConfigException.entry(file.file(), key, "has a port that is not a number: '"
          + value + "'");
    }
    if (port < 1 || port > 65_535) {
      throw ConfigException.entry(file.file(), key, "has port " + port + ", outside [1, 65535]");
    }
    // Resolved now, so the transport can bind and connect to it as is (an IP literal needs no
    // lookup; an unknown host name stays unresolved and fails when used).
    return new InetSocketAddress(host, port);
  }

  static String format(InetSocketAddress address) {
    String host = address.getHostString();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
