package io.blockyard.rpc;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how to reach one node's JSON-RPC server.
 *
 * @param uri the {@code http} or {@code https} URL; must not carry credentials
 * @param credentials basic-auth user and password, or null for none
 * @param tls the CA to trust for {@code https}, or null to use the JDK's default trust store
 * @param timeouts connect and per-call limits
 * @param protocol the JSON-RPC version to speak
 */
public record RpcEndpoint(URI uri, RpcCredentials credentials, TlsTrust tls, RpcTimeouts timeouts,
    JsonRpcVersion protocol) {

  public RpcEndpoint {
    Objects.requireNonNull(uri, "uri");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("an RPC URL must use http or https, not '" + scheme
          + "'");
    }
    // Checked before anything prints the URL, so a password in it never reaches a message.
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "an RPC URL must not carry credentials; pass them as RpcCredentials");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("an RPC URL needs a host: " + uri);
    }
    if (tls != null && scheme.equals("http")) {
      throw new IllegalArgumentException("TLS trust given for the plain-http RPC URL " + uri);
    }
    if (uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
      uri = uri.resolve("/");
    }
    timeouts = timeouts == null ? RpcTimeouts.DEFAULTS : timeouts;
    protocol = protocol == null ? JsonRpcVersion.V1 : protocol;
  }

  /** An endpoint for this URL with no credentials, default timeouts and JSON-RPC 1.0. */
  public static RpcEndpoint of(URI uri) {
    return new RpcEndpoint(uri, null, null, null, null);
  }

  /** {@code http://host:port/}. */
  public static RpcEndpoint http(String host, int port) {
    return of(url("http", host, port));
  }

  /** {@code https://host:port/}, trusting only {@code tls}'s CA. */
  public static RpcEndpoint https(String host, int port, TlsTrust tls) {
    return of(url("https", host, port)).withTls(Objects.requireNonNull(tls, "tls"));
  }

  private static URI url(String scheme, String host, int port) {
    try {
      return new URI(scheme, null, host, port, "/", null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a usable RPC host: " + host, e);
    }
  }

  /** The same endpoint with basic-auth credentials. */
  public RpcEndpoint withCredentials(String user, String password) {
    return new RpcEndpoint(uri, new RpcCredentials(user, password), tls, timeouts, protocol);
  }

  /** The same endpoint trusting {@code tls} for HTTPS. */
  public RpcEndpoint withTls(TlsTrust tls) {
    return new RpcEndpoint(uri, credentials, tls, timeouts, protocol);
  }

  /** The same endpoint with other connect and per-call limits. */
  public RpcEndpoint withTimeouts(Duration connect, Duration request) {
    return new RpcEndpoint(uri, credentials, tls, new RpcTimeouts(connect, request), protocol);
  }

  /** The same endpoint speaking another JSON-RPC version. */
  public RpcEndpoint withProtocol(JsonRpcVersion protocol) {
    return new RpcEndpoint(uri, credentials, tls, timeouts, protocol);
  }

  /** The URL as shown in messages and logs; it never holds credentials. */
  public String display() {
    return uri.toString();
  }

  @Override
  public String toString() {
    return "RpcEndpoint[" + uri + ", user=" + (credentials == null ? "-" : credentials.user())
        + ", tls=" + tls + ", timeouts=" + timeouts + ", protocol=" + protocol + "]";
  }
}
