package io.blockyard.rpc;

import java.util.Locale;
import java.util.Optional;

/**
 * A node's peer-to-peer address, {@code host:port} (IPv6 hosts in brackets), compared the way
 * nodes compare them: host case-insensitively, port exactly.
 */
public record NodeAddress(String host, int port) {

  public NodeAddress {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("a node address needs a host");
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    host = host.toLowerCase(Locale.ROOT);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("a node address needs a port in 1..65535, got " + port);
    }
  }

  /**
   * Reads {@code host:port} or {@code [ipv6]:port}.
   *
   * @throws IllegalArgumentException when the text has no port or is not an address
   */
  public static NodeAddress parse(String hostPort) {
    return tryParse(hostPort).orElseThrow(() -> new IllegalArgumentException(
        "expected a node address as host:port or [ipv6]:port, got '" + hostPort + "'"));
  }

  /** Like {@link #parse(String)}, but empty for text that is not {@code host:port}. */
  public static Optional<NodeAddress> tryParse(String hostPort) {
    if (hostPort == null) {
      return Optional.empty();
    }
    String text = hostPort.trim();
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      return Optional.empty();
    }
    String host = text.substring(0, colon);
    // An unbracketed IPv6 address has more colons and no port we could tell apart.
    if (host.contains(":") && !(host.startsWith("[") && host.endsWith("]"))) {
      return Optional.empty();
    }
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      return port < 1 || port > 65535 || host.isBlank()
          ? Optional.empty() : Optional.of(new NodeAddress(host, port));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code hostPort} (as a node lists it) names this address. */
  public boolean matches(String hostPort) {
    return tryParse(hostPort).map(this::equals).orElse(false);
  }

  /** {@code host:port}, with IPv6 hosts in brackets. */
  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
